"use client";

import type { Connection } from "@outflow/schemas/connection";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { useCan } from "@/features/session/viewer-context";
import { useDeleteConnection, useTestConnection } from "../hooks/use-connection-mutations";
import { connectionAnchor } from "../last-test";
import { ConnectionTestResult } from "./connection-test-result";
import { LastTestCells } from "./last-test-cells";
import { SecurityBadges } from "./security-badges";

/** `linked`: the page was opened with a link to this connection (it is scrolled to and highlighted). */
export function ConnectionRow({ connection: c, onEdit, linked }: { connection: Connection; onEdit: () => void; linked?: boolean }) {
  const t = useTranslations("connections");
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
        <td>{t(`kinds.${c.kind}`)}</td>
        <td className="mono small">{endpoints.join(", ")}</td>
        <td>
          <SecurityBadges connection={c} />
        </td>
        <LastTestCells connection={c} />
        <td>
          <div className="row" style={{ justifyContent: "flex-end" }}>
            {canTest ? (
              <button type="button" onClick={() => test.mutate({ id: c.id })} disabled={test.isPending}>
                {test.isPending ? t("row.testing") : t("row.test")}
              </button>
            ) : null}
            {canManage ? (
              <>
                <button type="button" onClick={onEdit}>
                  {t("row.edit")}
                </button>
                <ConfirmButton
                  question={t("row.deleteConfirm")}
                  confirmLabel={t("row.delete")}
                  label={t("row.deleteNamed", { name: c.name })}
                  onConfirm={() => remove.mutate(c.id)}
                  disabled={remove.isPending}
                >
                  {t("row.delete")}
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
              title={remove.error && "status" in remove.error && remove.error.status === 409 ? t("row.stillInUse") : t("row.notDeleted")}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
