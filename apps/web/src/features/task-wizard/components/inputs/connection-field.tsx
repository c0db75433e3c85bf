"use client";

import type { ConnectionKind } from "@outflow/schemas/connection";
import type { ReactNode } from "react";
import { FormField } from "@/components/form-field";
import { ConnectionPicker } from "@/features/connections/components/connection-picker";
import { FailedConnectionWarning } from "@/features/connections/components/failed-connection-warning";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/** A connection id at a draft path: choose one, or create one inline; warns when its last test failed. */
export function ConnectionField({
  path,
  kind,
  label,
  hint,
  emptyLabel,
}: {
  path: string;
  kind: ConnectionKind;
  label: ReactNode;
  hint?: ReactNode;
  emptyLabel?: string;
}) {
  const w = useWizard();
  const value = w.get(path);
  const id = fieldId(path);
  const chosen = typeof value === "string" ? value : "";
  return (
    <FormField label={label} hint={hint} name={path} htmlFor={id} errors={w.messagesAt(path)}>
      <ConnectionPicker
        id={id}
        kind={kind}
        value={chosen}
        allowEmptyLabel={emptyLabel}
        onChange={(v) => w.set(path, emptyLabel !== undefined && v === "" ? undefined : v)}
      />
      <FailedConnectionWarning ids={[chosen]} />
    </FormField>
  );
}
