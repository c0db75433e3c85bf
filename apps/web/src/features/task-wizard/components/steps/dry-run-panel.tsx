"use client";

import { DRY_RUN_DEFAULT_LIMIT, DRY_RUN_MAX_LIMIT, DryRunReport } from "@outflow/schemas/api/dry-run";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, fetchJson } from "@/lib/http/fetch-json";
import { useWizard } from "../../wizard-context";

const at = (e: { topic: string; partition: number; offset: string }) => `${e.topic}/${e.partition}@${e.offset}`;
const OUTCOME: Record<DryRunReport["groups"][number]["outcome"], string> = {
  filtered: "filtered",
  dropped: "dropped",
  failed: "failed",
  not_tried: "not tried",
};

/**
 * The review step's dry run (`POST /api/preview/dry-run`): the next messages at the start position (an edited task:
 * from its committed offsets) through the pipeline into throw-away copies of the target indices, and what became of
 * them: written, filtered, dropped, failed by stage and reason, every mapping rejection with field, type and value.
 */
export function DryRunPanel({ taskId, onReport }: { taskId?: string; onReport?: (report: DryRunReport) => void }) {
  const w = useWizard();
  const [limit, setLimit] = useState(DRY_RUN_DEFAULT_LIMIT);
  const run = useMutation({
    mutationFn: () =>
      fetchJson("/api/preview/dry-run", DryRunReport, { method: "POST", body: { config: w.draft.config, limit, ...(taskId ? { taskId } : {}) } }),
    onSuccess: (report) => onReport?.(report),
  });
  const r = run.data;
  return (
    <section aria-label="Dry run" data-testid="dry-run" style={{ marginTop: 12 }}>
      <h3>Dry run</h3>
      <p className="muted">
        Reads the next messages {taskId ? "from the task's committed offsets" : "at the start position"}, spread over every partition, runs them through the
        pipeline and writes the documents to a throw-away copy of the target index (its settings and mappings), deleted afterwards. The real index is not
        written.
      </p>
      <div className="row" style={{ gap: 8, alignItems: "center" }}>
        <label>
          Messages{" "}
          <input
            type="number"
            min={1}
            max={DRY_RUN_MAX_LIMIT}
            value={limit}
            aria-label="Messages to dry-run"
            onChange={(e) => setLimit(Math.min(DRY_RUN_MAX_LIMIT, Math.max(1, Math.trunc(Number(e.target.value) || 1))))}
            style={{ width: 100 }}
          />
        </label>
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? "Running…" : "Dry run"}
        </button>
      </div>
      {run.isError ? (
        <p className="notice error" role="alert" data-testid="dry-run-error">
          {errorMessage(run.error)}
        </p>
      ) : null}
      {r ? <DryRunResult report={r} /> : null}
    </section>
  );
}

function DryRunResult({ report: r }: { report: DryRunReport }) {
  const clean = r.failed === 0 && r.notTried === 0;
  return (
    <div data-testid="dry-run-report" style={{ marginTop: 8 }}>
      <p>
        <span className={`badge ${clean ? "ok" : "err"}`} data-testid="dry-run-verdict">
          {clean ? "No failures" : `${r.failed} failed${r.notTried ? `, ${r.notTried} not tried` : ""}`}
        </span>{" "}
        <span data-testid="dry-run-counts">
          {r.read} read: {r.wouldWrite} would be written, {r.filtered} filtered, {r.dropped} dropped, {r.failed} failed
          {r.notTried ? `, ${r.notTried} not tried` : ""}
        </span>{" "}
        <span className="muted">
          ({r.start}; {(r.elapsedMs / 1000).toFixed(1)} s)
        </span>
      </p>
      {r.mappingRejections.length > 0 ? (
        <div className="notice error" data-testid="dry-run-mapping">
          <strong>Mapping rejections</strong>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Index</th>
                  <th>Field</th>
                  <th>Mapped as</th>
                  <th>Messages</th>
                  <th>Values (examples)</th>
                </tr>
              </thead>
              <tbody>
                {r.mappingRejections.map((m) => (
                  <tr key={`${m.index}:${m.field}:${m.type}`}>
                    <td>
                      <code>{m.index}</code>
                    </td>
                    <td>
                      <code>{m.field}</code>
                    </td>
                    <td>
                      <code>{m.type}</code>
                    </td>
                    <td>{m.count}</td>
                    <td>
                      {m.examples.map((e) => (
                        <div key={at(e)}>
                          <code>{e.value}</code> <span className="muted">at {at(e)}</span>
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {r.groups.length > 0 ? (
        <ul data-testid="dry-run-groups">
          {r.groups.map((g) => (
            <li key={`${g.outcome}:${g.stage}:${g.reason}`}>
              <strong>
                {g.count} {OUTCOME[g.outcome]}
              </strong>
              {g.stage ? ` at stage ${g.stage}` : ""}: {g.reason} <span className="muted">(e.g. {g.examples.map(at).join(", ")})</span>
            </li>
          ))}
          {r.groupsLeftOut > 0 ? <li className="muted">{r.groupsLeftOut} more reason(s) not listed</li> : null}
        </ul>
      ) : null}
      {r.notes.length > 0 ? (
        <ul className="muted" data-testid="dry-run-notes">
          {r.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
