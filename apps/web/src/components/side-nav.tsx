"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { SignOutButton } from "@/features/session/components/sign-out-button";
import { useCan, useViewer } from "@/features/session/viewer-context";
import { AttentionCount } from "@/features/tasks/components/attention-count";
import { LanguageSwitch } from "./language-switch";

const LINKS = [
  { href: "/tasks", label: "tasks", admin: false },
  { href: "/connections", label: "connections", admin: false },
  { href: "/webhooks", label: "webhooks", admin: false, editor: true },
  { href: "/users", label: "users", admin: true },
  { href: "/audit", label: "audit", admin: true },
  { href: "/account", label: "account", admin: false },
] as const;

export function SideNav() {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const viewer = useViewer();
  const isAdmin = useCan("admin");
  const isEditor = useCan("editor");
  return (
    <nav className="side-nav" aria-label={t("nav.label")}>
      <Link href="/tasks" className="brand">
        Outflow
      </Link>
      <p className="brand-sub">{t("brandSub")}</p>
      <ul>
        {LINKS.filter((l) => (isAdmin || !l.admin) && (isEditor || !("editor" in l))).map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={pathname.startsWith(l.href) ? "active" : undefined} aria-current={pathname.startsWith(l.href) ? "page" : undefined}>
              {t(`nav.${l.label}`)}
              {l.href === "/tasks" ? <AttentionCount /> : null}
            </Link>
          </li>
        ))}
      </ul>
      <div className="side-nav-user" data-testid="signed-in-user">
        <span className="muted small">{t("nav.signedInAs")}</span>
        <span className="small">{viewer.email}</span>
        <span className="badge">{t(`roles.${viewer.role}`)}</span>
        <SignOutButton />
        <LanguageSwitch signedIn />
      </div>
    </nav>
  );
}
