"use client";

import type { ReactNode } from "react";
import { FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

export type Choice = { value: string; label: string };

/** A select bound to a draft path (a plain value). An empty choice (value "") removes the key. */
export function SelectField({ path, label, hint, choices, also }: { path: string; label: ReactNode; hint?: ReactNode; choices: Choice[]; also?: string[] }) {
  const w = useWizard();
  const value = w.get(path);
  const id = fieldId(path);
  return (
    <FormField label={label} hint={hint} name={path} htmlFor={id} errors={w.messagesAt(path, also)}>
      {(control) => (
        <select {...control} value={typeof value === "string" ? value : ""} onChange={(e) => w.set(path, e.target.value === "" ? undefined : e.target.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
