"use client";

import { type ReactNode, useId } from "react";

export type FieldMessage = { message: string; origin: "client" | "server" };

/** What a field's control carries so its label, hint, errors and requiredness reach a screen reader. */
export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

/**
 * The one labelled field: label, control, hint and errors, with the hint and errors tied to the control
 * (`aria-describedby`), the control marked invalid while it has an error and required when `required`.
 * Pass the control as a function of its props: `{(control) => <input {...control} … />}`. `name` ties errors to a field
 * for tests (`data-field`, `data-field-error`). `htmlFor` fixes the control's id (otherwise one is made).
 * `group` (checkboxes, radios) makes it a fieldset whose legend is the label, described by the hint and errors.
 */
export function FormField({
  label,
  hint,
  errors = [],
  name,
  htmlFor,
  required,
  group,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: FieldMessage[];
  name: string;
  htmlFor?: string;
  required?: boolean;
  group?: boolean;
  children: ReactNode | ((control: ControlProps) => ReactNode);
}) {
  const made = useId();
  const id = htmlFor ?? made;
  const hintId = `${id}-hint`;
  const errorId = `${id}-errors`;
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(" ");
  const control: ControlProps = {
    id,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(errors.length ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };
  const marker = required ? (
    <span className="required" aria-hidden="true">
      {" "}
      *
    </span>
  ) : null;
  const below = (
    <>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {errors.length ? (
        <span id={errorId} className="field-errors">
          {errors.map((e) => (
            <span key={`${e.origin}:${e.message}`} className="field-error" role="alert" data-field-error={name} data-origin={e.origin}>
              {e.message}
            </span>
          ))}
        </span>
      ) : null}
    </>
  );
  const className = `field${errors.length ? " has-error" : ""}`;
  if (group) {
    return (
      <fieldset className={`${className} field-group`} data-field={name} aria-describedby={describedBy || undefined}>
        <legend className="field-label">
          {label}
          {marker}
        </legend>
        {typeof children === "function" ? children(control) : children}
        {below}
      </fieldset>
    );
  }
  return (
    <div className={className} data-field={name}>
      {required ? (
        // The mark sits beside the label, not in it: the label stays the field's name ("Name", not "Name *").
        <span className="field-head">
          <label htmlFor={id}>{label}</label>
          {marker}
        </span>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {typeof children === "function" ? children(control) : children}
      {below}
    </div>
  );
}
