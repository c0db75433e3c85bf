"use client";

import type { Connection, ConnectionKind } from "@outflow/schemas/connection";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { MoreButton } from "@/components/more-button";
import { OkNotice } from "@/components/ok-notice";
import { useCan } from "@/features/session/viewer-context";
import { connectionAnchor } from "../last-test";
import { useConnectionPages } from "../queries";
import { ConnectionForm } from "./connection-form";
import { ConnectionRow } from "./connection-row";

type Editing = { mode: "create"; kind: ConnectionKind } | { mode: "edit"; connection: Connection } | null;

/** The connections page: the list, and the create/edit form above it. */
export function ConnectionList() {
  const t = useTranslations("connections");
  const list = useConnectionPages();
  const canManage = useCan("admin");
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [linked, setLinked] = useState<string | null>(null);
  // A link such as a task's warning points at one connection (#connection-<id>); its row exists once the list is in.
  useEffect(() => {
    const anchor = list.data ? window.location.hash.slice(1) : "";
    const row = anchor ? document.getElementById(anchor) : null;
    if (row) {
      row.scrollIntoView({ block: "center" });
      setLinked(anchor);
    }
  }, [list.data]);

  const open = (e: Editing) => {
    setNotice(null);
    setEditing(e);
  };
  const saved = (c: Connection) => {
    setEditing(null);
    setNotice(t("list.saved", { name: c.name }));
  };

  return (
    <>
      <div className="page-header">
        <h1>{t("list.title")}</h1>
        <span className="spacer" />
        {canManage ? (
          <>
            <button type="button" className="primary" onClick={() => open({ mode: "create", kind: "kafka" })}>
              {t("newConnection.kafka")}
            </button>
            <button type="button" className="primary" onClick={() => open({ mode: "create", kind: "elasticsearch" })}>
              {t("newConnection.elasticsearch")}
            </button>
            <button type="button" onClick={() => open({ mode: "create", kind: "schema_registry" })}>
              {t("newConnection.schema_registry")}
            </button>
          </>
        ) : null}
      </div>
      <OkNotice>{notice}</OkNotice>
      {editing ? (
        <ConnectionForm
          key={editing.mode === "edit" ? editing.connection.id : editing.kind}
          kind={editing.mode === "edit" ? editing.connection.kind : editing.kind}
          connection={editing.mode === "edit" ? editing.connection : undefined}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <ErrorNotice error={list.error} title={t("list.loadFailed")} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("list.columns.name")}</th>
              <th>{t("list.columns.kind")}</th>
              <th>{t("list.columns.endpoints")}</th>
              <th>{t("list.columns.security")}</th>
              <th>{t("list.columns.server")}</th>
              <th>{t("list.columns.lastTest")}</th>
              <th aria-label={t("list.columns.actions")} />
            </tr>
          </thead>
          <tbody>
            {list.data?.map((c) => (
              <ConnectionRow key={c.id} connection={c} linked={linked === connectionAnchor(c.id)} onEdit={() => open({ mode: "edit", connection: c })} />
            ))}
            <ListPlaceholderRows list={list} columns={7} empty={t("list.empty")} />
          </tbody>
        </table>
        <MoreButton list={list} noun="connections" />
      </div>
    </>
  );
}
