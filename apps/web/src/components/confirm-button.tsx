"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { FocusableButton } from "./focusable-button";

/**
 * A button that asks "are you sure?" inline before it acts. Asking moves focus to the question; Cancel, Escape or the
 * answer bring it back to the button. `label` names the button when its text alone is ambiguous ("Delete orders").
 */
export function ConfirmButton({
  children,
  label,
  confirmLabel,
  question,
  onConfirm,
  disabled,
  className = "danger",
}: {
  children: ReactNode;
  label?: string;
  confirmLabel: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations("common");
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLSpanElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) {
      asked.current = true;
      questionRef.current?.focus();
    } else if (asked.current) {
      asked.current = false;
      opener.current?.focus();
    }
  }, [asking]);
  if (!asking) {
    return (
      <FocusableButton ref={opener} className={className} aria-label={label} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </FocusableButton>
    );
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the question cancels it
    <span
      className="row"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          setAsking(false);
        }
      }}
    >
      <span ref={questionRef} tabIndex={-1}>
        {question}
      </span>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t("cancel")}
      </button>
    </span>
  );
}
