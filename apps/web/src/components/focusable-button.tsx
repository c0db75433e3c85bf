"use client";

import type { ComponentProps, MouseEvent } from "react";

/**
 * A button that, while `disabled`, stays in the tab order and keeps focus (`aria-disabled`, clicks ignored) instead of
 * the native `disabled`, which drops a focused button's focus to the page.
 */
export function FocusableButton({ disabled, onClick, type = "button", ...rest }: ComponentProps<"button">) {
  const ignore = (e: MouseEvent<HTMLButtonElement>) => {
    // Also stops a submit button's implicit form submission (Enter in a field clicks it).
    e.preventDefault();
  };
  return <button {...rest} type={type} aria-disabled={disabled ? true : undefined} onClick={disabled ? ignore : onClick} />;
}
