"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/tasks", label: "Tasks" },
  { href: "/connections", label: "Connections" },
];

export function SideNav() {
  const pathname = usePathname();
  return (
    <nav className="side-nav" aria-label="Main">
      <Link href="/tasks" className="brand">
        Outflow
      </Link>
      <p className="brand-sub">Kafka → Elasticsearch</p>
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={pathname.startsWith(l.href) ? "active" : undefined} aria-current={pathname.startsWith(l.href) ? "page" : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
