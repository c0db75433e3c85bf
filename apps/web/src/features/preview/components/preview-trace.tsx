import type { PreviewRow } from "../preview-schemas";
import { PreviewOutcome } from "./preview-outcome";

/** Every step of one message's way through the pipeline (the record after it), the outcome and the exact _bulk NDJSON. */
export function PreviewTrace({ row }: { row: PreviewRow }) {
  const steps = row.steps.filter((s) => s.step !== "result");
  return (
    <div className="stack" data-testid="preview-trace">
      <ol className="preview-steps">
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: step names repeat (one parse step per row of a message); the position is the identity
          <li key={`${s.step}:${i}`} data-testid={`preview-step-${s.step}`}>
            <div className="step-name">
              <span className="badge">{i + 1}</span> {s.step}
              {s.outcome ? <span className="badge warn">{s.outcome}</span> : null}
            </div>
            <pre>{s.record === undefined ? "—" : JSON.stringify(s.record, null, 2)}</pre>
          </li>
        ))}
      </ol>
      <PreviewOutcome row={row} />
      {row.bulk ? (
        <div>
          <h3>Bulk request (NDJSON)</h3>
          {row.note ? (
            <p className="hint" data-testid="preview-note">
              {row.note}
            </p>
          ) : null}
          <pre data-testid="preview-bulk">{row.bulk}</pre>
        </div>
      ) : null}
    </div>
  );
}
