"use client";

import { type KeyboardEvent, useCallback, useEffect, useRef } from "react";

const FIRST_FIELD = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

/**
 * An inline panel opened by a button: on open, focus moves to its first field (or its heading); Escape calls `onClose`;
 * when it closes, focus goes back to what had it when it opened (the opener), unless the user has moved on.
 */
export function useInlinePanel<T extends HTMLElement>(onClose: () => void, { focus = "field" }: { focus?: "field" | "heading" } = {}) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = ref.current;
    if (panel) {
      focusInside(panel, focus);
    }
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || (panel?.contains(now) ?? false);
      if (lost && opener?.isConnected) {
        opener.focus();
      }
    };
  }, [focus]);
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

function focusInside(panel: HTMLElement, focus: "field" | "heading"): void {
  const field = focus === "field" ? panel.querySelector<HTMLElement>(FIRST_FIELD) : null;
  if (field) {
    field.focus();
    return;
  }
  const heading = panel.querySelector<HTMLElement>("h2, h3, summary") ?? panel;
  if (!heading.hasAttribute("tabindex") && heading.tagName !== "SUMMARY") {
    heading.tabIndex = -1;
  }
  heading.focus();
}
