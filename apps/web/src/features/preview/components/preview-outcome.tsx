import type { PreviewRow } from "../preview-schemas";

/** What happens to the message in the end: written (n actions), filtered, dropped, or failed at a stage. */
export function PreviewOutcome({ row }: { row: PreviewRow }) {
  const r = row.result;
  if (row.failure?.kind === "failed") {
    return (
      <div className="notice error" data-testid="preview-outcome">
        Fails at stage <strong>{row.failure.stage}</strong>: {row.failure.reason}
      </div>
    );
  }
  switch (r.kind) {
    case "write":
      return (
        <div className="notice ok" data-testid="preview-outcome">
          Written: {r.actions.length} action{r.actions.length === 1 ? "" : "s"} ({r.actions.map((a) => String(a.op)).join(", ")})
        </div>
      );
    case "filtered":
      return (
        <div className="notice info" data-testid="preview-outcome">
          Filtered out: {r.reason}
        </div>
      );
    case "dropped":
      return (
        <div className="notice warn" data-testid="preview-outcome">
          Dropped: {r.reason}
        </div>
      );
    default:
      return (
        <div className="notice error" data-testid="preview-outcome">
          Fails at stage <strong>{r.stage}</strong> (the failure policy decides): {r.reason}
        </div>
      );
  }
}
