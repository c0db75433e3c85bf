"use client";

import type { ReactNode } from "react";
import { useWizard } from "../../wizard-context";

/** A labelled checkbox for a draft path, with the path's errors below it. */
export function CheckboxRow({
  path,
  id,
  label,
  checked,
  onChange,
}: {
  path: string;
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const errors = useWizard().messagesAt(path);
  return (
    <div className="field" data-field={path}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={errors.length ? `${id}-errors` : undefined}
          aria-invalid={errors.length ? true : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {errors.length ? (
        <span id={`${id}-errors`} className="field-errors">
          {errors.map((e) => (
            <span key={e.message} className="field-error" role="alert" data-field-error={path} data-origin={e.origin}>
              {e.message}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}
