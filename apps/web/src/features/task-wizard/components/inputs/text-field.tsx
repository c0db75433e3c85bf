"use client";

import type { ReactNode } from "react";
import { type FieldMessage, FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/** A text input bound to a draft path; `optional` removes the key when emptied. */
export function TextField({
  path,
  label,
  hint,
  placeholder,
  optional,
  mono,
  also,
  list,
  more = [],
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  optional?: boolean;
  mono?: boolean;
  also?: string[];
  list?: string;
  /** Messages about this input from elsewhere than the draft's checks (e.g. the sampled messages' preview). */
  more?: FieldMessage[];
}) {
  const w = useWizard();
  const value = w.get(path);
  const id = fieldId(path);
  return (
    <FormField label={label} hint={hint} name={path} htmlFor={id} errors={[...w.messagesAt(path, also), ...more]}>
      {(control) => (
        <input
          {...control}
          type="text"
          className={mono ? "mono" : undefined}
          value={typeof value === "string" ? value : value === undefined ? "" : String(value)}
          placeholder={placeholder}
          list={list}
          autoComplete="off"
          onChange={(e) => w.set(path, optional && e.target.value === "" ? undefined : e.target.value)}
        />
      )}
    </FormField>
  );
}
