"use client";

import type { Task } from "@outflow/schemas/task";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { connectionHref, linkConnectionInReason } from "@/features/connections/last-test";
import { connectionListOptions } from "@/features/connections/queries";
import { taskConnectionIds } from "../task-connections";

/** Why the task is in its status; a connection the reason names (e.g. refused credentials) links to that connection. */
export function StatusReason({ task: t }: { task: Task }) {
  const list = useQuery(connectionListOptions());
  if (!t.statusReason) {
    return null;
  }
  const own = new Set(taskConnectionIds(t));
  const parts = linkConnectionInReason(
    t.statusReason,
    (list.data ?? []).filter((c) => own.has(c.id)),
  );
  return (
    <div className={`notice ${t.status === "failed" ? "error" : t.status === "retrying" ? "warn" : "info"}`} data-testid="status-reason" data-server-text="">
      {parts.map((p, i) =>
        p.connectionId ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for one reason
          <Link key={i} href={connectionHref(p.connectionId)}>
            {p.text}
          </Link>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for one reason
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}
