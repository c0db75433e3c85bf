import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SideNav } from "@/components/side-nav";
import { ViewerProvider } from "@/features/session/viewer-context";
import { requireActor } from "@/server/page-session";

export const dynamic = "force-dynamic";

/** Every console page needs a session: without one, /sign-in. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const t = await getTranslations("shell");
  return (
    <ViewerProvider viewer={{ id: actor.userId, email: actor.email, name: actor.name, role: actor.role }}>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <div className="shell">
        <SideNav />
        <main className="content" id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </ViewerProvider>
  );
}
