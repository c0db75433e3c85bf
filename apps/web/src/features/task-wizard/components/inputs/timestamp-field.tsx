"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { FormField } from "@/components/form-field";
import { DATE_INPUT_FORMAT, formatDateInput, parseDateInput, TIME_ZONE_NAME } from "@/lib/format-date";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/** ISO / epoch ms → the input's text, as the console writes dates (`2026-12-07 17:40:05`, UTC). */
const textOf = (v: unknown): string => (typeof v === "number" || typeof v === "string" ? formatDateInput(v) || String(v) : "");

/**
 * A point in time at a draft path, typed as every date in the console is written (`2026-12-07 17:40:05`, UTC) and
 * stored as an ISO-8601 UTC date-time. Text that is not such a time is kept as typed, so the draft stays invalid.
 */
export function TimestampField({ path, label, hint }: { path: string; label: ReactNode; hint?: ReactNode }) {
  const t = useTranslations("wizard.inputs");
  const w = useWizard();
  const id = fieldId(path);
  const stored = w.get(path);
  const [text, setText] = useState(() => textOf(stored));
  // The draft changed elsewhere (a restored draft, start over): show its value instead of what was typed.
  const typedMs = parseDateInput(text);
  const inStep = typedMs === null ? stored === text || (text === "" && stored === undefined) : stored === new Date(typedMs).toISOString() || stored === typedMs;
  const shown = inStep ? text : textOf(stored);
  const unreadable = shown.trim() !== "" && parseDateInput(shown) === null;
  return (
    <FormField
      label={label}
      hint={hint ?? t("timestampHint", { zone: TIME_ZONE_NAME, format: DATE_INPUT_FORMAT })}
      name={path}
      htmlFor={id}
      errors={[
        ...(unreadable
          ? [{ message: t("timestampUnreadable", { format: DATE_INPUT_FORMAT, example: formatDateInput(Date.now()) }), origin: "client" as const }]
          : []),
        ...w.messagesAt(path),
      ]}
    >
      {(control) => (
        <span className="row" style={{ gap: 6, alignItems: "center" }}>
          <input
            {...control}
            type="text"
            inputMode="numeric"
            placeholder={DATE_INPUT_FORMAT}
            value={shown}
            onChange={(e) => {
              setText(e.target.value);
              const ms = parseDateInput(e.target.value);
              w.set(path, ms === null ? e.target.value : new Date(ms).toISOString());
            }}
          />
          <span className="muted">{TIME_ZONE_NAME}</span>
        </span>
      )}
    </FormField>
  );
}
