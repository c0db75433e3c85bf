"use client";

import { FormField } from "@/components/form-field";
import { documentIdText } from "../../review-summary";
import { useWizard } from "../../wizard-context";
import { ListField } from "../inputs/list-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.documentId";

/**
 * How documents get their _id: Elasticsearch's own, from fields, the Kafka key, or topic-partition-offset. Under CDC
 * sync and aggregation the mode sets the ID: that is said instead of offering a choice it would ignore.
 */
export function DocumentIdFields() {
  const w = useWizard();
  const id = w.get(P) as { type?: string } | undefined;
  const type = id?.type;
  const mode = w.get("sink.cdc") !== undefined ? "CDC sync" : w.get("sink.aggregation") !== undefined ? "aggregation" : null;
  if (mode) {
    const chosen = type !== undefined && type !== "auto";
    return (
      <FormField group label={`Document ID (set by ${mode})`} name={P} errors={w.messagesAt(P)}>
        <p className="muted" data-testid="document-id-by-mode" style={{ margin: 0 }}>
          {documentIdText({ cdc: w.get("sink.cdc") as never, aggregation: w.get("sink.aggregation") as never })}.
          {chosen ? (
            <>
              {" "}
              <button type="button" className="link" onClick={() => w.set(P, undefined)}>
                Leave the ID to {mode}
              </button>
            </>
          ) : null}
        </p>
      </FormField>
    );
  }
  return (
    <>
      <VariantSelectField
        path={P}
        label="Document ID"
        hint="Idempotent IDs make a replay overwrite instead of duplicate"
        variants={[
          { value: "auto", label: "Elasticsearch's own (a replay duplicates)", make: () => ({ type: "auto" }) },
          { value: "fields", label: "From fields", make: () => ({ type: "fields", fields: [], delimiter: "_" }) },
          { value: "kafka_key", label: "The Kafka key", make: () => ({ type: "kafka_key" }) },
          { value: "kafka_coordinates", label: "topic-partition-offset", make: () => ({ type: "kafka_coordinates" }) },
        ]}
      />
      {type === "fields" ? (
        <div className="subpanel inline-fields">
          <ListField path={`${P}.fields`} label="ID fields" placeholder="$.id" hint="Field paths, comma-separated" />
          <TextField path={`${P}.delimiter`} label="Delimiter" mono />
        </div>
      ) : null}
    </>
  );
}
