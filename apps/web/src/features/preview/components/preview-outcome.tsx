import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { PreviewRow } from "../preview-schemas";

const b = (chunks: ReactNode) => <strong>{chunks}</strong>;

/** What happens to the message in the end: written (n actions), filtered, dropped, or failed at a stage. */
export function PreviewOutcome({ row }: { row: PreviewRow }) {
  const t = useTranslations("preview.outcome");
  const r = row.result;
  if (row.failure?.kind === "failed") {
    return (
      <div className="notice error" data-testid="preview-outcome">
        {t.rich("failsAt", { stage: row.failure.stage ?? "", reason: row.failure.reason ?? "", b })}
      </div>
    );
  }
  switch (r.kind) {
    case "write":
      return (
        <div className="notice ok" data-testid="preview-outcome">
          {t("written", { count: r.actions.length, ops: r.actions.map((a) => String(a.op)).join(", ") })}
        </div>
      );
    case "filtered":
      return (
        <div className="notice info" data-testid="preview-outcome">
          {t("filtered", { reason: r.reason })}
        </div>
      );
    case "dropped":
      return (
        <div className="notice warn" data-testid="preview-outcome">
          {t("dropped", { reason: r.reason })}
        </div>
      );
    default:
      return (
        <div className="notice error" data-testid="preview-outcome">
          {t.rich("failsAtPolicy", { stage: r.stage, reason: r.reason, b })}
        </div>
      );
  }
}
