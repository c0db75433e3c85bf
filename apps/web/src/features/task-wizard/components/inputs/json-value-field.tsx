"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** Any JSON value: `42`, `true`, `{"a":1}` are JSON; anything that does not parse is taken as a string. */
export function JsonValueField({ path, label, hint }: { path: string; label: ReactNode; hint?: ReactNode }) {
  const t = useTranslations("wizard.inputs");
  const w = useWizard();
  const [text, setText] = useState(() => show(w.get(path)));
  const id = fieldId(path);
  return (
    <FormField label={label} hint={hint === "" ? undefined : (hint ?? t("jsonHint"))} name={path} htmlFor={id} errors={w.messagesAt(path)}>
      {(control) => (
        <input
          {...control}
          type="text"
          className="mono"
          value={text}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            w.set(path, parseLoose(e.target.value));
          }}
        />
      )}
    </FormField>
  );
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
