"use client";

import { DRY_RUN_DEFAULT_LIMIT, DRY_RUN_MAX_LIMIT, DryRunReport } from "@outflow/schemas/api/dry-run";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { errorMessage, fetchJson } from "@/lib/http/fetch-json";
import { useWizard } from "../../wizard-context";

const at = (e: { topic: string; partition: number; offset: string }) => `${e.topic}/${e.partition}@${e.offset}`;

/**
 * The review step's dry run (`POST /api/preview/dry-run`): the next messages at the start position (an edited task:
 * from its committed offsets) through the pipeline into throw-away copies of the target indices, and what became of
 * them: written, filtered, dropped, failed by stage and reason, every mapping rejection with field, type and value.
 */
export function DryRunPanel({ taskId, onReport }: { taskId?: string; onReport?: (report: DryRunReport) => void }) {
  const t = useTranslations("wizard.dryRun");
  const w = useWizard();
  const [limit, setLimit] = useState(DRY_RUN_DEFAULT_LIMIT);
  const run = useMutation({
    mutationFn: () =>
      fetchJson("/api/preview/dry-run", DryRunReport, { method: "POST", body: { config: w.draft.config, limit, ...(taskId ? { taskId } : {}) } }),
    onSuccess: (report) => onReport?.(report),
  });
  const r = run.data;
  return (
    <section aria-label={t("label")} data-testid="dry-run" style={{ marginTop: 12 }}>
      <h3>{t("title")}</h3>
      <p className="muted">{taskId ? t("introTask") : t("introNew")}</p>
      <div className="row" style={{ gap: 8, alignItems: "center" }}>
        <label>
          {t("messages")}{" "}
          <input
            type="number"
            min={1}
            max={DRY_RUN_MAX_LIMIT}
            value={limit}
            aria-label={t("messagesLabel")}
            onChange={(e) => setLimit(Math.min(DRY_RUN_MAX_LIMIT, Math.max(1, Math.trunc(Number(e.target.value) || 1))))}
            style={{ width: 100 }}
          />
        </label>
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? t("running") : t("run")}
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
  const t = useTranslations("wizard.dryRun");
  const clean = r.failed === 0 && r.notTried === 0;
  return (
    <div data-testid="dry-run-report" style={{ marginTop: 8 }}>
      <p>
        <span className={`badge ${clean ? "ok" : "err"}`} data-testid="dry-run-verdict">
          {clean ? t("noFailures") : r.notTried ? t("failedNotTried", { failed: r.failed, notTried: r.notTried }) : t("failed", { failed: r.failed })}
        </span>{" "}
        <span data-testid="dry-run-counts">
          {r.notTried
            ? t("countsNotTried", { read: r.read, wouldWrite: r.wouldWrite, filtered: r.filtered, dropped: r.dropped, failed: r.failed, notTried: r.notTried })
            : t("counts", { read: r.read, wouldWrite: r.wouldWrite, filtered: r.filtered, dropped: r.dropped, failed: r.failed })}
        </span>{" "}
        <span className="muted">{t("elapsed", { start: r.start, seconds: (r.elapsedMs / 1000).toFixed(1) })}</span>
      </p>
      {r.mappingRejections.length > 0 ? (
        <div className="notice error" data-testid="dry-run-mapping">
          <strong>{t("mappingRejections")}</strong>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("index")}</th>
                  <th>{t("field")}</th>
                  <th>{t("mappedAs")}</th>
                  <th>{t("messagesColumn")}</th>
                  <th>{t("values")}</th>
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
                          <code>{e.value}</code> <span className="muted">{t("at", { at: at(e) })}</span>
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
                {g.count} {t(`outcome.${g.outcome}`)}
              </strong>
              {g.stage ? t("atStage", { stage: g.stage }) : ""}: {g.reason}{" "}
              <span className="muted">{t("examples", { examples: g.examples.map(at).join(", ") })}</span>
            </li>
          ))}
          {r.groupsLeftOut > 0 ? <li className="muted">{t("moreReasons", { n: r.groupsLeftOut })}</li> : null}
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
