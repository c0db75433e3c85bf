"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("wizard.parse");
  const w = useWizard();
  const nonJson = (w.get("parse.nonJson") as { action?: string } | undefined)?.action;
  return (
    <div className="grid-2">
      <section className="panel" aria-label={t("label")}>
        <h2>{t("title")}</h2>
        <FormatFields path="parse.format" />
        <VariantSelectField
          path="parse.nonJson"
          tag="action"
          label={t("nonJson")}
          variants={[
            { value: "fail", label: t("nonJsonFail"), make: () => ({ action: "fail" }) },
            { value: "drop", label: t("nonJsonDrop"), make: () => ({ action: "drop" }) },
            { value: "wrap", label: t("nonJsonWrap"), make: () => ({ action: "wrap", key: "raw" }) },
          ]}
        />
        {nonJson === "wrap" ? <TextField path="parse.nonJson.key" label={t("wrapKey")} mono /> : null}
        <SelectField
          path="parse.tombstones"
          label={t("tombstones")}
          choices={[
            { value: "", label: t("tombstonesDefault") },
            { value: "fail", label: t("tombstonesFail") },
            { value: "skip", label: t("tombstonesSkip") },
            { value: "delete", label: t("tombstonesDelete") },
          ]}
        />
        <CheckboxToggle path="parse.flatten" label={t("flatten")} make={() => ({ separator: ".", maxDepth: 20 })} />
        {w.get("parse.flatten") ? (
          <div className="inline-fields subpanel">
            <TextField path="parse.flatten.separator" label={t("separator")} mono />
            <NumberField path="parse.flatten.maxDepth" label={t("maxDepth")} min={1} />
          </div>
        ) : null}
      </section>
      <FirstMessagePreview />
    </div>
  );
}
