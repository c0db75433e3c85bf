"use client";

import type { Connection, ConnectionKind } from "@outflow/schemas/connection";
import { useEffect, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { MoreButton } from "@/components/more-button";
import { OkNotice } from "@/components/ok-notice";
import { useCan } from "@/features/session/viewer-context";
import { connectionText as text } from "../connection-messages";
import { connectionAnchor } from "../last-test";
import { useConnectionPages } from "../queries";
import { ConnectionForm } from "./connection-form";
import { ConnectionRow } from "./connection-row";

type Editing = { mode: "create"; kind: ConnectionKind } | { mode: "edit"; connection: Connection } | null;

/** The connections page: the list, and the create/edit form above it. */
export function ConnectionList() {
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
    setNotice(`Saved ${c.name}.`);
  };

  return (
    <>
      <div className="page-header">
        <h1>Connections</h1>
        <span className="spacer" />
        {canManage ? (
          <>
            <button type="button" className="primary" onClick={() => open({ mode: "create", kind: "kafka" })}>
              New Kafka connection
            </button>
            <button type="button" className="primary" onClick={() => open({ mode: "create", kind: "elasticsearch" })}>
              New Elasticsearch connection
            </button>
            <button type="button" onClick={() => open({ mode: "create", kind: "schema_registry" })}>
              New schema registry connection
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
      <ErrorNotice error={list.error} title="Could not load connections" />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Endpoints</th>
              <th>Security</th>
              <th>{text.columns.server}</th>
              <th>{text.columns.lastTest}</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.data?.map((c) => (
              <ConnectionRow key={c.id} connection={c} linked={linked === connectionAnchor(c.id)} onEdit={() => open({ mode: "edit", connection: c })} />
            ))}
            <ListPlaceholderRows
              list={list}
              columns={7}
              empty="No connections yet. Add a Kafka connection (the source) and an Elasticsearch connection (the target)."
            />
          </tbody>
        </table>
        <MoreButton list={list} noun="connections" />
      </div>
    </>
  );
}
