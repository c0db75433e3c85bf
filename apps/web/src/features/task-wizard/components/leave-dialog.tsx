"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { LeaveGuard } from "../hooks/use-leave-guard";

/** Asks before a console link leaves a wizard with changes: stay, leave keeping the draft, or start over. */
export function LeaveDialog({ guard }: { guard: LeaveGuard }) {
  const t = useTranslations("wizard.leave");
  const ref = useRef<HTMLDialogElement>(null);
  const open = guard.pendingHref !== null;
  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) {
      d.showModal();
    } else if (!open && d?.open) {
      d.close();
    }
  }, [open]);
  return (
    <dialog ref={ref} className="panel" aria-labelledby="leave-title" aria-describedby="leave-text" onCancel={guard.stay} data-testid="leave-dialog">
      <h2 id="leave-title">{t("title")}</h2>
      <p id="leave-text">{t("text")}</p>
      <div className="row" style={{ gap: 8, justifyContent: "flex-end" }}>
        <button type="button" onClick={guard.stay}>
          {t("stay")}
        </button>
        <button type="button" onClick={() => guard.leave({ startOver: true })}>
          {t("startOver")}
        </button>
        <button type="button" className="primary" onClick={() => guard.leave({ startOver: false })}>
          {t("keep")}
        </button>
      </div>
    </dialog>
  );
}
