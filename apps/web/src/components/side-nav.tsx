"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SignOutButton } from "@/features/session/components/sign-out-button";
import { sessionText } from "@/features/session/messages";
import { useCan, useViewer } from "@/features/session/viewer-context";
import { AttentionCount } from "@/features/tasks/components/attention-count";

const LINKS = [
  { href: "/tasks", label: "Tasks", admin: false },
  { href: "/connections", label: "Connections", admin: false },
  { href: "/webhooks", label: "Webhooks", admin: false, editor: true },
  { href: "/users", label: sessionText.nav.users, admin: true },
  { href: "/audit", label: sessionText.nav.audit, admin: true },
  { href: "/account", label: sessionText.nav.account, admin: false },
];

export function SideNav() {
  const pathname = usePathname();
  const viewer = useViewer();
  const isAdmin = useCan("admin");
  const isEditor = useCan("editor");
  return (
    <nav className="side-nav" aria-label="Main">
      <Link href="/tasks" className="brand">
        Outflow
      </Link>
      <p className="brand-sub">Kafka → Elasticsearch</p>
      <ul>
        {LINKS.filter((l) => (isAdmin || !l.admin) && (isEditor || !l.editor)).map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={pathname.startsWith(l.href) ? "active" : undefined} aria-current={pathname.startsWith(l.href) ? "page" : undefined}>
              {l.label}
              {l.href === "/tasks" ? <AttentionCount /> : null}
            </Link>
          </li>
        ))}
      </ul>
      <div className="side-nav-user" data-testid="signed-in-user">
        <span className="muted small">{sessionText.nav.signedInAs}</span>
        <span className="small">{viewer.email}</span>
        <span className="badge">{viewer.role}</span>
        <SignOutButton />
      </div>
    </nav>
  );
}
