"use client";

import type { ComponentProps } from "react";

/** A `<details>` that Escape closes (the innermost open one), putting focus back on its summary. */
export function EscapableDetails({ onKeyDown, ...rest }: ComponentProps<"details">) {
  return (
    <details
      {...rest}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        const details = e.currentTarget;
        if (e.key !== "Escape" || e.defaultPrevented || !details.open) {
          return;
        }
        e.preventDefault();
        details.open = false;
        details.querySelector<HTMLElement>(":scope > summary")?.focus();
      }}
    />
  );
}
