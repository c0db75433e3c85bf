"use client";

import { framedSchemaId } from "@outflow/pipeline/formats/registry-wire";
import { SchemaSubjects } from "@outflow/schemas/api/responses";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import { PreviewOutcome } from "@/features/preview/components/preview-outcome";
import type { SampleMessage } from "@/features/preview/preview-schemas";
import { fetchJson } from "@/lib/http/fetch-json";
import { useServerPreview } from "../../hooks/use-preview";
import { useWizard } from "../../wizard-context";

/** The schema id a message's value carries (the registry's framing), or null when it is not framed. */
export function valueSchemaId(m: SampleMessage): number | null {
  if (m.value === null) {
    return null;
  }
  const bytes = m.valueEncoding === "base64" ? Uint8Array.from(atob(m.value), (c) => c.charCodeAt(0)) : new TextEncoder().encode(m.value);
  return framedSchemaId(bytes);
}

/**
 * A registry-encoded message decoded by the server (the browser holds no schemas): the record, with the schema
 * (id, and subject and version as the registry names them) beside it.
 */
export function RegistryRecordPreview({ samples, index }: { samples: SampleMessage[]; index: number }) {
  const t = useTranslations("wizard.registry");
  const preview = useServerPreview(samples, "parse");
  const row = preview.rows[index];
  const parsed = row?.steps.find((s) => s.step === "parse");
  const message = samples[index];
  const id = message ? valueSchemaId(message) : null;
  const connectionId = String(useWizard().get("source.connectionId") ?? "");
  const where = useQuery({
    queryKey: ["preview", "schema-subjects", connectionId, id],
    queryFn: () => fetchJson(`/api/connections/${encodeURIComponent(connectionId)}/schemas/${id}`, SchemaSubjects),
    enabled: id !== null && connectionId !== "",
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const subjects = where.data?.items ?? [];
  return (
    <div className="registry-preview">
      {preview.query.isFetching && !preview.query.data ? <p className="muted">{t("decoding")}</p> : null}
      <ErrorNotice error={preview.query.error} title={t("decodeFailed")} />
      {id !== null ? (
        <p className="muted" data-testid="message-schema">
          {t.rich("schemaId", { id, b: (chunks) => <strong>{chunks}</strong> })}
          {subjects.map((s) => (
            <span key={`${s.subject}:${s.version}`}>
              {" "}
              {t.rich("subject", {
                subject: s.subject,
                version: s.version,
                code: (chunks) => <code>{chunks}</code>,
                b: (chunks) => <strong>{chunks}</strong>,
              })}
            </span>
          ))}
        </p>
      ) : null}
      {parsed ? <pre data-testid="parsed-record">{JSON.stringify(parsed.record, null, 2)}</pre> : null}
      {row && (!parsed || row.result.kind !== "write") ? <PreviewOutcome row={row} /> : null}
    </div>
  );
}
