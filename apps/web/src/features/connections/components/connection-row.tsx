"use client";

import type { Connection } from "@outflow/schemas/connection";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { useCan } from "@/features/session/viewer-context";
import { KIND_LABEL } from "../connection-messages";
import { useDeleteConnection, useTestConnection } from "../hooks/use-connection-mutations";
import { connectionAnchor } from "../last-test";
import { ConnectionTestResult } from "./connection-test-result";
import { LastTestCells } from "./last-test-cells";
import { SecurityBadges } from "./security-badges";

/** `linked`: the page was opened with a link to this connection (it is scrolled to and highlighted). */
export function ConnectionRow({ connection: c, onEdit, linked }: { connection: Connection; onEdit: () => void; linked?: boolean }) {
  const test = useTestConnection();
  const canTest = useCan("editor");
  const canManage = useCan("admin");
  const remove = useDeleteConnection();
  const endpoints = c.kind === "kafka" ? c.brokers : c.kind === "schema_registry" ? c.urls : c.nodes;
  const hasOutput = test.data || test.error || remove.error;
  return (
    <>
      <tr id={connectionAnchor(c.id)} className={linked ? "linked-row" : undefined} data-testid={`connection-${c.name}`}>
        <td>
          <strong>{c.name}</strong>
        </td>
        <td>{KIND_LABEL[c.kind]}</td>
        <td className="mono small">{endpoints.join(", ")}</td>
        <td>
          <SecurityBadges connection={c} />
        </td>
        <LastTestCells connection={c} />
        <td>
          <div className="row" style={{ justifyContent: "flex-end" }}>
            {canTest ? (
              <button type="button" onClick={() => test.mutate({ id: c.id })} disabled={test.isPending}>
                {test.isPending ? "Testing…" : "Test"}
              </button>
            ) : null}
            {canManage ? (
              <>
                <button type="button" onClick={onEdit}>
                  Edit
                </button>
                <ConfirmButton
                  question="Delete?"
                  confirmLabel="Delete"
                  label={`Delete ${c.name}`}
                  onConfirm={() => remove.mutate(c.id)}
                  disabled={remove.isPending}
                >
                  Delete
                </ConfirmButton>
              </>
            ) : null}
          </div>
        </td>
      </tr>
      {hasOutput ? (
        <tr>
          <td colSpan={7}>
            <ConnectionTestResult result={test.data} error={test.error} />
            <ErrorNotice
              error={remove.error}
              title={remove.error && "status" in remove.error && remove.error.status === 409 ? "Still in use" : "Not deleted"}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
