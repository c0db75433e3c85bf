"use client";

import { useWizard } from "../../wizard-context";
import { ConnectionField } from "../inputs/connection-field";
import { NumberField } from "../inputs/number-field";
import { TextField } from "../inputs/text-field";
import { TimestampField } from "../inputs/timestamp-field";
import { VariantSelectField } from "../inputs/variant-select-field";
import { TopicPicker } from "./topic-picker";

/** Step 1: name, Kafka connection, topics, start position, consumers. */
export function SourceStep() {
  const w = useWizard();
  const position = (w.get("source.startPosition") as { type?: string } | undefined)?.type;
  return (
    <section className="panel" aria-label="Source">
      <h2>Name and source</h2>
      <TextField path="name" label="Task name" placeholder="e.g. app logs" />
      <ConnectionField path="source.connectionId" kind="kafka" label="Kafka connection" />
      <TopicPicker />
      <div className="inline-fields">
        <VariantSelectField
          path="source.startPosition"
          label="Start position"
          hint="Where a new task starts reading"
          variants={[
            { value: "earliest", label: "Earliest (everything in the topics)", make: () => ({ type: "earliest" }) },
            { value: "latest", label: "Latest (only new messages)", make: () => ({ type: "latest" }) },
            {
              value: "timestamp",
              label: "From a point in time",
              make: () => ({ type: "timestamp", timestamp: new Date(Date.now() - 3_600_000).toISOString() }),
            },
            { value: "committed", label: "The group's committed offsets", make: () => ({ type: "committed" }) },
          ]}
        />
        {position === "timestamp" ? <TimestampField path="source.startPosition.timestamp" label="From" /> : null}
        <NumberField path="source.consumers" label="Consumers" min={1} placeholder="1" hint="1–32; Kafka spreads the partitions over them" />
      </div>
    </section>
  );
}
