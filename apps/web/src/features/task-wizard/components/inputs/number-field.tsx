"use client";

import type { ReactNode } from "react";
import { FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/** A number input bound to a draft path; empty removes the key (the default applies). */
export function NumberField({ path, label, hint, placeholder, min }: { path: string; label: ReactNode; hint?: ReactNode; placeholder?: string; min?: number }) {
  const w = useWizard();
  const value = w.get(path);
  const id = fieldId(path);
  return (
    <FormField label={label} hint={hint} name={path} htmlFor={id} errors={w.messagesAt(path)}>
      {(control) => (
        <input
          {...control}
          type="number"
          min={min}
          value={typeof value === "number" ? value : ""}
          placeholder={placeholder}
          onChange={(e) => w.set(path, e.target.value === "" ? undefined : Number(e.target.value))}
        />
      )}
    </FormField>
  );
}
