"use client";

import type { ReactNode } from "react";
import { FormField } from "@/components/form-field";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO / epoch ms → the value of a datetime-local input (the browser's local time). */
function toLocalInput(v: unknown): string {
  const ms = typeof v === "number" ? v : typeof v === "string" ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) {
    return "";
  }
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A point in time at a draft path, entered in local time and stored as an ISO-8601 UTC date-time. */
export function TimestampField({ path, label, hint }: { path: string; label: ReactNode; hint?: ReactNode }) {
  const w = useWizard();
  const id = fieldId(path);
  return (
    <FormField label={label} hint={hint ?? "Your local time; stored in UTC"} name={path} htmlFor={id} errors={w.messagesAt(path)}>
      <input
        id={id}
        type="datetime-local"
        step={1}
        value={toLocalInput(w.get(path))}
        onChange={(e) => {
          const ms = Date.parse(e.target.value);
          w.set(path, Number.isNaN(ms) ? "" : new Date(ms).toISOString());
        }}
      />
    </FormField>
  );
}
