"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { PreviewTrace } from "@/features/preview/components/preview-trace";
import { SampleFieldPaths } from "@/features/preview/components/sample-field-paths";
import { SamplePicker } from "@/features/preview/components/sample-picker";
import { fieldPaths, schemaFieldPaths, unitePaths } from "@/features/preview/field-paths";
import type { PreviewRow } from "@/features/preview/preview-schemas";
import { useClientPreview, type useServerPreview } from "../../hooks/use-preview";
import { useSampleSchema } from "../../hooks/use-sample-schema";
import type { useSamples } from "../../hooks/use-samples";
import { PreviewIssues } from "../steps/preview-issues";
import { SampleSteer } from "../steps/sample-steer";

/** The server's step-by-step preview of the selected sample: record after each rule, the outcome, the bulk NDJSON. */
export function RulesPreview({
  samples,
  preview,
  row,
  title,
}: {
  samples: ReturnType<typeof useSamples>;
  preview: ReturnType<typeof useServerPreview>;
  row: PreviewRow | undefined;
  title?: string;
}) {
  const t = useTranslations("wizard.rulesPreview");
  // Field pickers offer the fields of the parsed records and of the record after every rule, of every sample.
  const parsed = useClientPreview(samples.samples, "parse");
  // With a registry format, the schema's fields too (all of them, even when no sample decodes).
  const schema = useSampleSchema(samples.samples);
  const paths = useMemo(
    () =>
      unitePaths(
        fieldPaths([...parsed.rows, ...preview.rows].flatMap((r) => r.steps.map((s) => s.record))),
        schema ? schemaFieldPaths(schema.tree, schema.flattenSeparator) : [],
      ),
    [parsed.rows, preview.rows, schema],
  );
  return (
    <section className="panel" aria-label={t("label")} style={{ position: "sticky", top: 16 }}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>{title ?? t("title")}</h2>
        {preview.query.isFetching || preview.isStale ? <span className="muted small">{t("updating")}</span> : null}
      </div>
      {!samples.ready ? <p className="muted">{t("chooseSource")}</p> : <SampleSteer samples={samples} />}
      <ErrorNotice error={samples.query.error} title={t("readFailed")} />
      {samples.query.data && samples.samples.length === 0 ? <p className="muted">{t("noMessages")}</p> : null}
      {samples.samples.length > 0 ? <SamplePicker samples={samples.samples} selected={samples.index} onSelect={samples.select} only={samples.matches} /> : null}
      <PreviewIssues issues={preview.issues} />
      <ErrorNotice error={preview.query.error} title={t("previewFailed")} />
      {row && preview.issues.length === 0 ? <PreviewTrace row={row} /> : null}
      <SampleFieldPaths list={paths} />
    </section>
  );
}
