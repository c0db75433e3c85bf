"use client";

import type { ReactNode } from "react";
import { useWizard } from "../../wizard-context";
import { CheckboxRow } from "./checkbox-row";
import { fieldId } from "./field-id";

/** Turns an optional section on (with `make()`'s defaults) or off (removes it). */
export function CheckboxToggle({ path, label, make }: { path: string; label: ReactNode; make: () => unknown }) {
  const w = useWizard();
  return (
    <CheckboxRow
      path={path}
      id={`${fieldId(path)}-on`}
      label={label}
      checked={w.get(path) !== undefined}
      onChange={(on) => w.set(path, on ? make() : undefined)}
    />
  );
}
