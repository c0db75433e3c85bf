import type { ReactNode } from "react";
import { SideNav } from "@/components/side-nav";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <SideNav />
      <main className="content">{children}</main>
    </div>
  );
}
