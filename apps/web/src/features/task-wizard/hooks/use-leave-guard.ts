"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

export type LeaveGuard = {
  /** The console link the user followed while the draft had changes: the leave dialog is open while it is set. */
  pendingHref: string | null;
  stay: () => void;
  /** Follows the link; the draft stays in this tab's storage (the wizard brings it back) unless `startOver`. */
  leave: (opts: { startOver: boolean }) => void;
  /** Forgets the kept draft and opens the wizard afresh. */
  startOver: () => void;
};

/**
 * While `dirty`, leaving the page asks first. Reload, closing the tab or typing an address get the browser's own
 * prompt (its words cannot be chosen). Following a link inside the console opens the wizard's leave dialog instead,
 * which says that the draft is kept in this tab and offers to start over. `draftKey` is where the draft is kept.
 */
export function useLeaveGuard(dirty: boolean, draftKey: string): LeaveGuard {
  const router = useRouter();
  const [pendingHref, setPendingHref] = useState<string | null>(null);
  // Set while the wizard itself leaves or reloads: no prompt then.
  const bypass = useRef(false);
  useEffect(() => {
    if (!dirty) {
      return;
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (bypass.current) {
        return;
      }
      e.preventDefault();
      e.returnValue = ""; // older browsers show their prompt only with this set
    };
    const onClick = (e: MouseEvent) => {
      const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.getAttribute("target") === "_blank") {
        return;
      }
      const href = a.getAttribute("href") ?? "";
      if (!href.startsWith("/")) {
        return; // leaves the console: the browser's own prompt asks
      }
      e.preventDefault();
      e.stopPropagation();
      setPendingHref(href);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  const forget = useCallback(() => {
    try {
      window.sessionStorage.removeItem(draftKey);
    } catch {
      // Storage disabled: nothing was kept.
    }
  }, [draftKey]);

  return {
    pendingHref,
    stay: () => setPendingHref(null),
    leave: ({ startOver }) => {
      const href = pendingHref;
      setPendingHref(null);
      if (startOver) {
        forget();
      }
      if (href) {
        bypass.current = true;
        router.push(href);
      }
    },
    startOver: () => {
      forget();
      bypass.current = true;
      window.location.reload();
    },
  };
}
