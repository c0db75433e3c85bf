"use client";

import type { ReactNode } from "react";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/** Turns an optional section on (with `make()`'s defaults) or off (removes it). */
export function CheckboxToggle({ path, label, make }: { path: string; label: ReactNode; make: () => unknown }) {
  const w = useWizard();
  const id = `${fieldId(path)}-on`;
  const errors = w.messagesAt(path);
  return (
    <div className="field" data-field={path}>
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={w.get(path) !== undefined} onChange={(e) => w.set(path, e.target.checked ? make() : undefined)} />
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
