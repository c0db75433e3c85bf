"use client";

import { useTranslations } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import { PreviewOutcome } from "@/features/preview/components/preview-outcome";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { SamplePicker } from "@/features/preview/components/sample-picker";
import { useClientPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { useWizard } from "../../wizard-context";
import { PreviewIssues } from "./preview-issues";
import { isRegistryFormat } from "./registry-format-fields";
import { RegistryRecordPreview } from "./registry-record-preview";
import { SampleSteer } from "./sample-steer";

/**
 * The topics' messages where the preview is steered (the first ones by default): raw, and parsed with the current
 * settings (in the browser, as you type).
 */
export function FirstMessagePreview() {
  const t = useTranslations("wizard.firstMessages");
  const steerable = useSamples();
  const { query, samples, index, selected, select, ready } = steerable;
  const preview = useClientPreview(samples, "parse");
  const row = preview.rows[index];
  const parsed = row?.steps.find((s) => s.step === "parse");
  // The browser holds no registry schemas: such messages are decoded by the server.
  const registry = isRegistryFormat(useWizard().get("parse.format"));
  return (
    <section className="panel" aria-label={t("label")}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>{t("title")}</h2>
        {ready ? (
          <button type="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
            {query.isFetching ? t("reading") : t("readAgain")}
          </button>
        ) : null}
      </div>
      {!ready ? <p className="muted">{t("chooseSource")}</p> : <SampleSteer samples={steerable} />}
      {query.isFetching && !query.data ? <p className="muted">{t("readingFromKafka")}</p> : null}
      <ErrorNotice error={query.error} title={t("readFailed")} />
      {query.data && samples.length === 0 ? <p className="muted">{t("noMessages")}</p> : null}
      {selected ? (
        <>
          <SamplePicker samples={samples} selected={index} onSelect={select} only={steerable.matches} />
          <h3>{t("rawValue")}</h3>
          <RawMessageView message={selected} />
          <h3 style={{ marginTop: 12 }}>{t("parsedRecord")}</h3>
          <PreviewIssues issues={preview.issues} />
          {registry ? <RegistryRecordPreview samples={samples} index={index} /> : null}
          {!registry && parsed ? <pre data-testid="parsed-record">{JSON.stringify(parsed.record, null, 2)}</pre> : null}
          {!registry && row && (!parsed || row.result.kind !== "write") ? <PreviewOutcome row={row} /> : null}
        </>
      ) : null}
    </section>
  );
}
