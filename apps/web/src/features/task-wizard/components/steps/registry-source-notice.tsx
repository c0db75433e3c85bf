"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FieldMessage } from "@/components/form-field";
import { connectionListOptions } from "@/features/connections/queries";
import { isApiError } from "@/lib/http/fetch-json";
import { useServerPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { useWizard } from "../../wizard-context";

const SOURCE_FIELD = "config.source.connectionId";

/**
 * What the format choice says about the schema registry when a registry format is chosen: the task's Kafka
 * connection names none (a hint linking to it, and the API's 422 on config.source.connectionId as the field's error).
 */
export function useRegistrySource(enabled: boolean): { hint: ReactNode; errors: FieldMessage[] } {
  const t = useTranslations("wizard.registry");
  const w = useWizard();
  const connectionId = String(w.get("source.connectionId") ?? "");
  const connections = useQuery({ ...connectionListOptions(), enabled: enabled && connectionId !== "" });
  const { samples } = useSamples();
  const preview = useServerPreview(enabled ? samples : [], "parse");
  if (!enabled) {
    return { hint: undefined, errors: [] };
  }
  const kafka = connections.data?.find((c) => c.id === connectionId);
  const registryId = kafka?.kind === "kafka" ? kafka.schemaRegistryId : undefined;
  const registry = registryId ? connections.data?.find((c) => c.id === registryId) : undefined;
  const err = preview.query.error;
  const errors: FieldMessage[] = isApiError(err)
    ? err.allIssues.filter((i) => i.field === SOURCE_FIELD).map((i) => ({ message: i.message, origin: "server" as const }))
    : [];
  if (!kafka) {
    return { hint: t("sourceHint"), errors };
  }
  const link = (chunks: ReactNode) => <a href={`/connections#connection-${encodeURIComponent(kafka.id)}`}>{chunks}</a>;
  if (!registryId) {
    return {
      hint: <span data-testid="registry-missing">{t.rich("missing", { name: kafka.name, link })}</span>,
      errors,
    };
  }
  return {
    hint: registry
      ? t.rich("from", { registry: registry.name, name: kafka.name, link, b: (chunks) => <strong>{chunks}</strong> })
      : t.rich("fromUnnamed", { name: kafka.name, link }),
    errors,
  };
}
