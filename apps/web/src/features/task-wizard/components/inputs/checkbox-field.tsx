"use client";

import type { ReactNode } from "react";
import { useWizard } from "../../wizard-context";
import { CheckboxRow } from "./checkbox-row";
import { fieldId } from "./field-id";

/** A boolean at a draft path; while the path is unset the box shows `defaultValue`. */
export function CheckboxField({ path, label, defaultValue = false }: { path: string; label: ReactNode; defaultValue?: boolean }) {
  const w = useWizard();
  const value = w.get(path);
  const checked = typeof value === "boolean" ? value : defaultValue;
  return <CheckboxRow path={path} id={fieldId(path)} label={label} checked={checked} onChange={(on) => w.set(path, on)} />;
}
