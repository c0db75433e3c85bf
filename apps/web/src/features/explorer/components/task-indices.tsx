"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { formatBytes, formatCount, formatTime } from "@/lib/format";
import { discoverLink } from "../dashboards-link";
import { taskIndicesOptions } from "../queries";

/** The indices the task writes, newest name first, with their documents and sizes (every role sees these). */
export function TaskIndices({ taskId, onPick }: { taskId: string; onPick?: (index: string) => void }) {
  const [offset, setOffset] = useState(0);
  const list = useQuery(taskIndicesOptions(taskId, offset));
  if (list.isPending) {
    return <p className="muted">Reading the indices…</p>;
  }
  if (!list.data) {
    return <ErrorNotice error={list.error} title="Could not read the task's indices" />;
  }
  const l = list.data;
  return (
    <div className="stack" data-testid="task-indices">
      <p className="muted small">
        {l.exact ? "Indices" : "Indices of the shape"} <code>{l.shape}</code>: {formatCount(l.total)}
        {l.exact ? "" : " (a template: an index another writer made in the same shape is listed too)"} · counted {formatTime(l.readAt)}, as searchable then
      </p>
      {l.items.length === 0 ? (
        <p className="muted">Nothing written yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Index</th>
                <th>Documents</th>
                <th>Size (primaries)</th>
                <th>Health</th>
                {l.dashboardsUrl ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {l.items.map((i) => (
                <tr key={i.index}>
                  <td className="mono">
                    {onPick ? (
                      <button type="button" className="link" onClick={() => onPick(i.index)}>
                        {i.index}
                      </button>
                    ) : (
                      i.index
                    )}
                  </td>
                  <td>{i.documents === null ? `— (${i.status ?? "closed"})` : formatCount(i.documents)}</td>
                  <td>{i.primaryBytes === null ? "—" : formatBytes(i.primaryBytes)}</td>
                  <td>{i.health ?? "—"}</td>
                  {l.dashboardsUrl ? (
                    <td>
                      <a href={discoverLink(l.dashboardsUrl, i.index)} target="_blank" rel="noreferrer">
                        Discover
                      </a>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {l.total > l.limit ? (
        <div className="row">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - l.limit))}>
            Newer
          </button>
          <span className="muted small">
            {offset + 1}–{offset + l.items.length} of {formatCount(l.total)}
          </span>
          <button type="button" disabled={l.nextOffset === null} onClick={() => setOffset(l.nextOffset ?? offset)}>
            Older
          </button>
        </div>
      ) : null}
    </div>
  );
}
