"use client";

import { Delivery } from "@outflow/schemas/task-config";
import { useWizard } from "../../wizard-context";
import { ConnectionField } from "../inputs/connection-field";
import { NumberField } from "../inputs/number-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";
import { AlertFields } from "./alert-fields";

const DEFAULTS = Delivery.parse({});

/** Step 5: what happens to a message that cannot be processed, and delivery tuning (under Advanced). */
export function FailureStep() {
  const w = useWizard();
  const policy = (w.get("failure") as { policy?: string } | undefined)?.policy;
  return (
    <section className="panel" aria-label="Failures and delivery">
      <h2>Failure policy</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        For messages that fail to parse, fail a rule, cannot be routed or are rejected by Elasticsearch. Transient failures (timeouts, 429, 5xx) are always
        retried, never discarded.
      </p>
      <VariantSelectField
        path="failure"
        tag="policy"
        label="Policy"
        variants={[
          { value: "retain", label: "Retain: stop the task at the message (nothing from it on is committed)", make: () => ({ policy: "retain" }) },
          { value: "discard", label: "Discard: skip and count it", make: () => ({ policy: "discard" }) },
          { value: "dead_letter", label: "Dead-letter: send the original message to a Kafka topic", make: () => ({ policy: "dead_letter", topic: "" }) },
        ]}
      />
      {policy === "dead_letter" ? (
        <div className="subpanel">
          <TextField path="failure.topic" label="Dead-letter topic" mono placeholder="outflow-dlq" />
          <ConnectionField path="failure.connectionId" kind="kafka" label="Dead-letter Kafka connection" emptyLabel="Same as the source" />
        </div>
      ) : null}
      <details>
        <summary>
          <strong>Advanced: delivery tuning</strong>
        </summary>
        <div className="inline-fields" style={{ marginTop: 12 }}>
          <NumberField path="delivery.bulkMaxDocs" label="Bulk: max documents" placeholder={String(DEFAULTS.bulkMaxDocs)} min={1} />
          <NumberField path="delivery.bulkMaxBytes" label="Bulk: max bytes" placeholder={String(DEFAULTS.bulkMaxBytes)} min={1024} />
          <NumberField path="delivery.bulkMaxWaitMs" label="Bulk: max wait (ms)" placeholder={String(DEFAULTS.bulkMaxWaitMs)} min={0} />
          <NumberField path="delivery.bulkConcurrency" label="Bulk requests in flight" placeholder={String(DEFAULTS.bulkConcurrency)} min={1} />
          <NumberField path="delivery.maxDocumentBytes" label="Max document bytes" placeholder={String(DEFAULTS.maxDocumentBytes)} min={1024} />
        </div>
      </details>
      <AlertFields />
    </section>
  );
}
