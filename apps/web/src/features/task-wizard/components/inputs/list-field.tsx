"use client";

import { deepEqual } from "@outflow/schemas/diff-merge-patch";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

const split = (text: string) => (text.trim() === "" ? [] : text.split(",").map((s) => s.trim()));
const join = (v: unknown) => (Array.isArray(v) ? v.join(", ") : "");

/** A list of strings (field paths, column names) typed comma-separated; `optional` removes the key when empty. */
export function ListField({
  path,
  label,
  hint,
  placeholder,
  optional,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  optional?: boolean;
}) {
  const t = useTranslations("wizard.inputs");
  const w = useWizard();
  const value = w.get(path);
  const [text, setText] = useState(() => join(value));
  // Follow outside changes (e.g. an import) without fighting the user's typing.
  useEffect(() => {
    setText((t) => (deepEqual(split(t), value ?? []) ? t : join(value)));
  }, [value]);
  const id = fieldId(path);
  const errors = w.issues.filter((i) => i.field === path || i.field.startsWith(`${path}.`)).map((i) => ({ message: i.message, origin: i.origin }));
  return (
    <FormField label={label} hint={hint ?? t("commaSeparated")} name={path} htmlFor={id} errors={errors}>
      {(control) => (
        <input
          {...control}
          type="text"
          className="mono"
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            const items = split(e.target.value);
            w.set(path, optional && items.length === 0 ? undefined : items);
          }}
        />
      )}
    </FormField>
  );
}
