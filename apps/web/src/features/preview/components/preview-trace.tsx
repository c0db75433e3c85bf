"use client";

import { AGGREGATION_NOTE } from "@outflow/pipeline/preview";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PreviewRow } from "../preview-schemas";
import { type StepChange, stepChanges } from "../step-diff";
import { PreviewOutcome } from "./preview-outcome";

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

/** What one step changed: added, removed and changed paths with their values. */
function StepChanges({ changes }: { changes: StepChange[] }) {
  const t = useTranslations("preview.trace");
  if (changes.length === 0) {
    return <p className="muted small">{t("noChange")}</p>;
  }
  return (
    <ul className="step-changes mono small" data-testid="step-changes" style={{ listStyle: "none", paddingLeft: 0, margin: 0, overflowWrap: "anywhere" }}>
      {changes.map((c) => (
        <li key={`${c.kind}:${c.path}`} data-change={c.kind}>
          {c.kind === "added" ? (
            <>
              <span aria-hidden="true">+</span>
              <span className="visually-hidden">{t("added")}</span> {c.path} {show(c.after)}
            </>
          ) : c.kind === "removed" ? (
            <>
              <span aria-hidden="true">−</span>
              <span className="visually-hidden">{t("removed")}</span> {c.path} <s>{show(c.before)}</s>
            </>
          ) : (
            <>
              <span aria-hidden="true">~</span>
              <span className="visually-hidden">{t("changed")}</span> {c.path} {show(c.before)} → {show(c.after)}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Every step of one message's way through the pipeline, the outcome and the exact _bulk NDJSON. The first step shows
 * the record it made; each later one what it changed (or, with the toggle, the whole record after it).
 */
export function PreviewTrace({ row }: { row: PreviewRow }) {
  const t = useTranslations("preview.trace");
  const [whole, setWhole] = useState(false);
  const steps = row.steps.filter((s) => s.step !== "result");
  return (
    <div className="stack" data-testid="preview-trace">
      <label className="row small">
        <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} /> {t("showWhole")}
      </label>
      <ol className="preview-steps">
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: step names repeat (one parse step per row of a message); the position is the identity
          <li key={`${s.step}:${i}`} data-testid={`preview-step-${s.step}`}>
            <div className="step-name">
              <span className="badge">{i + 1}</span> {s.step}
              {s.outcome ? <span className="badge warn">{s.outcome}</span> : null}
            </div>
            {whole || i === 0 ? (
              <pre>{s.record === undefined ? "—" : JSON.stringify(s.record, null, 2)}</pre>
            ) : (
              <StepChanges changes={stepChanges(steps[i - 1]?.record, s.record)} />
            )}
          </li>
        ))}
      </ol>
      <PreviewOutcome row={row} />
      {row.bulk ? (
        <div>
          <h3>{t("bulkTitle")}</h3>
          {row.note ? (
            row.note === AGGREGATION_NOTE ? (
              <p className="hint" data-testid="preview-note">
                {t("aggregationNote")}
              </p>
            ) : (
              // A note the console has no words for (a newer server's): shown as the server wrote it.
              <p className="hint" data-testid="preview-note" data-server-text="">
                {row.note}
              </p>
            )
          ) : null}
          <pre data-testid="preview-bulk">{row.bulk}</pre>
        </div>
      ) : null}
    </div>
  );
}
