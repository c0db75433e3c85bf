import type { ReactNode } from "react";

export type FieldMessage = { message: string; origin: "client" | "server" };

/** A labelled input with its hint and errors below it. `name` ties the errors to a field (for tests and screen readers). */
export function FormField({
  label,
  hint,
  errors = [],
  name,
  htmlFor,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: FieldMessage[];
  name: string;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${errors.length ? " has-error" : ""}`} data-field={name}>
      {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : <span className="field-label">{label}</span>}
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
      {errors.map((e) => (
        <span key={`${e.origin}:${e.message}`} className="field-error" role="alert" data-field-error={name} data-origin={e.origin}>
          {e.message}
        </span>
      ))}
    </div>
  );
}
