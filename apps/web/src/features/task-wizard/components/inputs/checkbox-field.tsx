"use client";

import type { ReactNode } from "react";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/** A boolean at a draft path; unchecked removes the key when `optional` (so the schema default applies). */
export function CheckboxField({ path, label, defaultValue = false }: { path: string; label: ReactNode; defaultValue?: boolean }) {
  const w = useWizard();
  const value = w.get(path);
  const checked = typeof value === "boolean" ? value : defaultValue;
  const id = fieldId(path);
  const errors = w.messagesAt(path);
  return (
    <div className="field" data-field={path}>
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => w.set(path, e.target.checked)} />
        {label}
      </label>
      {errors.map((e) => (
        <span key={e.message} className="field-error" role="alert" data-field-error={path} data-origin={e.origin}>
          {e.message}
        </span>
      ))}
    </div>
  );
}
