"use client";

import type { ConnectionKind } from "@outflow/schemas/connection";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ControlProps } from "@/components/form-field";
import { useCan } from "@/features/session/viewer-context";
import { connectionsOfKindOptions } from "../queries";
import { ConnectionForm } from "./connection-form";

/** Choose a connection of one kind, or (admins, who may save one) create one inline: it is then chosen. */
export function ConnectionPicker({
  kind,
  id,
  value,
  onChange,
  allowEmptyLabel,
  control,
}: {
  kind: ConnectionKind;
  id: string;
  /** The select's ties to its field's hint and errors (FormField's control props, without the id). */
  control?: Omit<ControlProps, "id">;
  value: string;
  onChange: (id: string) => void;
  /** Offer an empty choice with this label (e.g. "Same as the source"). */
  allowEmptyLabel?: string;
}) {
  const t = useTranslations("connections");
  const list = useQuery(connectionsOfKindOptions(kind));
  const [creating, setCreating] = useState(false);
  const canCreate = useCan("admin");
  return (
    <div className="stack">
      <div className="row">
        <select {...control} id={id} value={value} onChange={(e) => onChange(e.target.value)} style={{ minWidth: 260 }}>
          <option value="">{allowEmptyLabel ?? (list.isPending ? t("picker.loading") : t("picker.choose"))}</option>
          {list.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({(c.kind === "kafka" ? c.brokers : c.kind === "schema_registry" ? c.urls : c.nodes).join(", ")})
            </option>
          ))}
        </select>
        {canCreate && !creating ? (
          <button type="button" onClick={() => setCreating(true)}>
            {t(`newConnection.${kind}`)}…
          </button>
        ) : null}
      </div>
      {creating ? (
        <div className="subpanel">
          <ConnectionForm
            kind={kind}
            onCancel={() => setCreating(false)}
            onSaved={(c) => {
              setCreating(false);
              onChange(c.id);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
