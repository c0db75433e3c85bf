"use client";

import { useWizard } from "../../wizard-context";
import { ListField } from "../inputs/list-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.documentId";

/** How documents get their _id: Elasticsearch's own, from fields, the Kafka key, or topic-partition-offset. */
export function DocumentIdFields() {
  const w = useWizard();
  const type = (w.get(P) as { type?: string } | undefined)?.type;
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
