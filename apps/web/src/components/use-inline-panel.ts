"use client";

import { type KeyboardEvent, useCallback, useEffect, useRef } from "react";

const FIRST_FIELD = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

/**
 * An inline panel opened by a button: on open, focus moves to its first field (`focus: "field"`, when it has one) or to
 * the panel itself, which should carry a name; Escape calls `onClose`; when it closes, focus goes back to what had it
 * when it opened (the opener), unless the user has since moved focus elsewhere. `active: false` (a form that is also
 * always on the page) leaves focus alone.
 */
export function useInlinePanel<T extends HTMLElement>(
  onClose: () => void,
  { focus = "panel", active = true }: { focus?: "field" | "panel"; active?: boolean } = {},
) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!active) {
      return;
    }
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = ref.current;
    if (panel) {
      const field = focus === "field" ? panel.querySelector<HTMLElement>(FIRST_FIELD) : null;
      if (field) {
        field.focus();
      } else {
        if (!panel.hasAttribute("tabindex")) {
          panel.tabIndex = -1;
        }
        panel.focus();
      }
    }
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || (panel?.contains(now) ?? false);
      if (lost && opener?.isConnected) {
        opener.focus();
      }
    };
  }, [focus, active]);
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        e.preventDefault();
        onClose();
      }
    },
    [onClose],
  );
  return { ref, onKeyDown };
}
