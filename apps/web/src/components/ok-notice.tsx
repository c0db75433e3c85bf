import type { ReactNode } from "react";

/** A short success message (read out by screen readers); nothing when there is none. */
export function OkNotice({ children }: { children: ReactNode }) {
  if (!children) {
    return null;
  }
  return (
    <div className="notice ok" role="status">
      {children}
    </div>
  );
}
