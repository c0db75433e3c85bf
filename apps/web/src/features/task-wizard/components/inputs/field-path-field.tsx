"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { SAMPLE_FIELD_PATHS_LIST, useSampleFieldPaths } from "@/features/preview/components/sample-field-paths";
import { useWizard } from "../../wizard-context";
import { ListField } from "./list-field";
import { TextField } from "./text-field";

/**
 * A field path input (`$.a.b`) that offers the sampled documents' fields as you type (the preview's datalist); any
 * other path may still be typed.
 */
export function FieldPathField({
  path,
  label,
  hint,
  placeholder = "$.field",
  optional,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  optional?: boolean;
}) {
  const t = useTranslations("wizard.inputs");
  const offered = useSampleFieldPaths();
  return (
    <TextField
      path={path}
      label={label}
      hint={
        offered.length > 0 ? (
          <>
            {hint ? <>{hint}. </> : null}
            {t("sampledSuggestions")}
          </>
        ) : (
          hint
        )
      }
      placeholder={placeholder}
      optional={optional}
      mono
      list={SAMPLE_FIELD_PATHS_LIST}
    />
  );
}

/** A comma-separated list of field paths, with a select that adds one of the sampled documents' fields. */
export function FieldPathListField({ path, label, hint, placeholder }: { path: string; label: ReactNode; hint?: ReactNode; placeholder?: string }) {
  const t = useTranslations("wizard.inputs");
  const w = useWizard();
  const offered = useSampleFieldPaths();
  const current = (w.get(path) as string[] | undefined) ?? [];
  const left = offered.filter((p) => !current.includes(p));
  return (
    <div className="row" style={{ alignItems: "flex-start" }}>
      <ListField path={path} label={label} hint={hint} placeholder={placeholder} />
      {left.length > 0 ? (
        <label className="field">
          <span className="field-label">{t("addSampledField")}</span>
          <select value="" onChange={(e) => e.target.value && w.set(path, [...current.filter((p) => p !== ""), e.target.value])}>
            <option value="">{t("choose")}</option>
            {left.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
