"use client";

import { useEffect, useRef } from "react";
import type { LeaveGuard } from "../hooks/use-leave-guard";
import { wizardMessages as m } from "../wizard-messages";

/** Asks before a console link leaves a wizard with changes: stay, leave keeping the draft, or start over. */
export function LeaveDialog({ guard }: { guard: LeaveGuard }) {
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
      <h2 id="leave-title">{m.leaveTitle}</h2>
      <p id="leave-text">{m.leaveText}</p>
      <div className="row" style={{ gap: 8, justifyContent: "flex-end" }}>
        <button type="button" onClick={guard.stay}>
          {m.stay}
        </button>
        <button type="button" onClick={() => guard.leave({ startOver: true })}>
          {m.leaveStartOver}
        </button>
        <button type="button" className="primary" onClick={() => guard.leave({ startOver: false })}>
          {m.leaveKeep}
        </button>
      </div>
    </dialog>
  );
}
