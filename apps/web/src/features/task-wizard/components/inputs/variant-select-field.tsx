"use client";

import type { ReactNode } from "react";
import { FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

export type Variant = { value: string; label: string; make: () => unknown };

/**
 * Chooses the variant of a tagged union at `path` (`{ type: ... }`, `{ policy: ... }`, `{ action: ... }`): picking one
 * replaces the whole object with that variant's defaults. `tag` names the discriminator key.
 */
export function VariantSelectField({
  path,
  tag = "type",
  label,
  hint,
  variants,
  optional,
}: {
  path: string;
  tag?: string;
  label: ReactNode;
  hint?: ReactNode;
  variants: Variant[];
  /** Offer "none" (removes the object) with this label. */
  optional?: string;
}) {
  const w = useWizard();
  const current = w.get(path);
  const value = current && typeof current === "object" ? String((current as Record<string, unknown>)[tag] ?? "") : "";
  const id = fieldId(path);
  return (
    <FormField label={label} hint={hint} name={path} htmlFor={id} errors={w.messagesAt(path, [`${path}.${tag}`])}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(e) => {
            const v = variants.find((x) => x.value === e.target.value);
            w.set(path, v ? v.make() : undefined);
          }}
        >
          {optional !== undefined ? <option value="">{optional}</option> : null}
          {variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
