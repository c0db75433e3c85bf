"use client";

import type { Connection } from "@outflow/schemas/connection";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { useCan } from "@/features/session/viewer-context";
import { useDeleteConnection, useTestConnection } from "../hooks/use-connection-mutations";
import { ConnectionTestResult } from "./connection-test-result";
import { SecurityBadges } from "./security-badges";

export function ConnectionRow({ connection: c, onEdit }: { connection: Connection; onEdit: () => void }) {
  const test = useTestConnection();
  const canTest = useCan("editor");
  const canManage = useCan("admin");
  const remove = useDeleteConnection();
  const endpoints = c.kind === "kafka" ? c.brokers : c.nodes;
  const hasOutput = test.data || test.error || remove.error;
  return (
    <>
      <tr data-testid={`connection-${c.name}`}>
        <td>
          <strong>{c.name}</strong>
        </td>
        <td>{c.kind === "kafka" ? "Kafka" : "Elasticsearch"}</td>
        <td className="mono small">{endpoints.join(", ")}</td>
        <td>
          <SecurityBadges connection={c} />
        </td>
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
                <ConfirmButton question="Delete?" confirmLabel="Delete" onConfirm={() => remove.mutate(c.id)} disabled={remove.isPending}>
                  Delete
                </ConfirmButton>
              </>
            ) : null}
          </div>
        </td>
      </tr>
      {hasOutput ? (
        <tr>
          <td colSpan={5}>
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
