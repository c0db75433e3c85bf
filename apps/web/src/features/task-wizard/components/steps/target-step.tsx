"use client";

import { useServerPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { ConnectionField } from "../inputs/connection-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { RulesPreview } from "../rules/rules-preview";
import { AggregationFields } from "../target/aggregation-fields";
import { CdcFields } from "../target/cdc-fields";
import { DateSplitFields } from "../target/date-split-fields";
import { DocumentIdFields } from "../target/document-id-fields";
import { IndexTemplateFields } from "../target/index-template-fields";

/** Step 4: the Elasticsearch connection, index (templated, date-split), document IDs, write mode, CDC, aggregation. */
export function TargetStep() {
  const samples = useSamples();
  const preview = useServerPreview(samples.samples, "all");
  const row = preview.issues.length === 0 ? preview.rows[samples.index] : undefined;
  return (
    <div className="grid-2">
      <section className="panel" aria-label="Target">
        <h2>Target</h2>
        <ConnectionField path="sink.connectionId" kind="elasticsearch" label="Elasticsearch connection" />
        <TextField
          path="sink.index"
          label="Index name"
          mono
          placeholder="logs-{$.app}"
          hint="Lowercase; {field path} takes a value from the message, e.g. logs-{$.app}"
        />
        <DateSplitFields />
        <DocumentIdFields />
        <SelectField
          path="sink.writeMode"
          label="Write mode"
          choices={[
            { value: "full", label: "Full: replace the document" },
            { value: "incremental", label: "Incremental: partial update with upsert (needs a document ID)" },
          ]}
        />
        <CdcFields />
        <AggregationFields />
        <IndexTemplateFields />
      </section>
      <RulesPreview samples={samples} preview={preview} row={row} title="Preview (what is written)" />
    </div>
  );
}
