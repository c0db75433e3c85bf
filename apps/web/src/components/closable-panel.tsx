"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useInlinePanel } from "./use-inline-panel";

/**
 * A panel opened in the page (a document, a letter, a form): it takes focus when it opens (its first field with
 * `focus="field"`), Escape or its Close button closes it, and focus then returns to what opened it.
 */
export function ClosablePanel({
  label,
  heading,
  onClose,
  focus = "panel",
  className = "panel",
  testId,
  children,
}: {
  label: string;
  heading?: ReactNode;
  onClose: () => void;
  focus?: "field" | "panel";
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const t = useTranslations("common");
  const { ref, onKeyDown } = useInlinePanel<HTMLElement>(onClose, { focus });
  // "Close document": the label starts lowercase inside the sentence (only its first letter, so names keep their case).
  const named = label.charAt(0).toLowerCase() + label.slice(1);
  return (
    <section ref={ref} className={className} aria-label={label} tabIndex={-1} onKeyDown={onKeyDown} data-testid={testId}>
      <div className="panel-head">
        {heading ?? <h2>{label}</h2>}
        <button type="button" className="link" onClick={onClose} aria-label={t("closeNamed", { label: named })}>
          {t("close")}
        </button>
      </div>
      {children}
    </section>
  );
}
