"use client";

import type { ConnectionKind } from "@outflow/schemas/connection";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FormField } from "@/components/form-field";
import { ConnectionPicker } from "@/features/connections/components/connection-picker";
import { FailedConnectionWarning } from "@/features/connections/components/failed-connection-warning";
import { useCan } from "@/features/session/viewer-context";
import { useWizard } from "../../wizard-context";
import { fieldId } from "./field-id";

/**
 * A connection id at a draft path: choose one, or (admins) create one inline; warns when its last test failed.
 * Editors may use connections but not save them: they are told whom to ask instead of being offered a form.
 */
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
  const t = useTranslations("wizard.inputs");
  const w = useWizard();
  const value = w.get(path);
  const id = fieldId(path);
  const chosen = typeof value === "string" ? value : "";
  const canCreate = useCan("admin");
  return (
    <FormField label={label} hint={hint ?? (canCreate ? undefined : t("adminOnly"))} name={path} htmlFor={id} errors={w.messagesAt(path)}>
      {({ id: controlId, ...control }) => (
        <>
          <ConnectionPicker
            id={controlId}
            control={control}
            kind={kind}
            value={chosen}
            allowEmptyLabel={emptyLabel}
            onChange={(v) => w.set(path, emptyLabel !== undefined && v === "" ? undefined : v)}
          />
          <FailedConnectionWarning ids={[chosen]} />
        </>
      )}
    </FormField>
  );
}
