"use client";

import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { NumberField } from "../inputs/number-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";
import { FirstMessagePreview } from "./first-message-preview";
import { FormatFields } from "./format-fields";

/** Step 2: how a message value becomes a record, next to the first sampled messages, raw and parsed. */
export function ParseStep() {
  const w = useWizard();
  const nonJson = (w.get("parse.nonJson") as { action?: string } | undefined)?.action;
  return (
    <div className="grid-2">
      <section className="panel" aria-label="Parse">
        <h2>Parse</h2>
        <FormatFields path="parse.format" />
        <VariantSelectField
          path="parse.nonJson"
          tag="action"
          label="Values that do not parse"
          variants={[
            { value: "fail", label: "Fail (the failure policy decides)", make: () => ({ action: "fail" }) },
            { value: "drop", label: "Drop (counted, with an event)", make: () => ({ action: "drop" }) },
            { value: "wrap", label: "Wrap the raw text under a key", make: () => ({ action: "wrap", key: "raw" }) },
          ]}
        />
        {nonJson === "wrap" ? <TextField path="parse.nonJson.key" label="Key for the raw text" mono /> : null}
        <SelectField
          path="parse.tombstones"
          label="Null values (tombstones)"
          choices={[
            { value: "", label: "Default (fail; skip with CDC sync)" },
            { value: "fail", label: "Fail (the failure policy decides)" },
            { value: "skip", label: "Skip" },
            { value: "delete", label: "Delete the document whose ID is the key" },
          ]}
        />
        <CheckboxToggle
          path="parse.flatten"
          label="Flatten nested objects in the written document ({a:{b:1}} → a.b)"
          make={() => ({ separator: ".", maxDepth: 20 })}
        />
        {w.get("parse.flatten") ? (
          <div className="inline-fields subpanel">
            <TextField path="parse.flatten.separator" label="Separator" mono />
            <NumberField path="parse.flatten.maxDepth" label="Max depth" min={1} />
          </div>
        ) : null}
      </section>
      <FirstMessagePreview />
    </div>
  );
}
