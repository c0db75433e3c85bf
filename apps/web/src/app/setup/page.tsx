import { setupTokenValid } from "@outflow/auth/setup-token";
import { countUsers } from "@outflow/auth/users";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SetupForm } from "@/features/session/components/setup-form";
import { pageTitle } from "@/i18n/page-title";
import { ctx } from "@/server/context";

export const generateMetadata = pageTitle("setup");
export const dynamic = "force-dynamic";

/** The one-time link `npm start` prints while no user exists: creates the first admin. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const db = ctx().db;
  const t = await getTranslations("session.setup");
  const state = (await countUsers(db)) > 0 ? "done" : token && (await setupTokenValid(db, token)) ? "open" : "invalid";
  return (
    <main className="auth-page">
      <div className="panel stack">
        <div className="auth-brand-row">
          <div className="brand">Outflow</div>
          <LanguageSwitch signedIn={false} />
        </div>
        <h1>{t("title")}</h1>
        {state === "open" ? (
          <>
            <p className="muted">{t("intro")}</p>
            <SetupForm token={token} />
          </>
        ) : (
          <>
            <div className="notice warn" role="alert">
              {state === "done" ? t("done") : t("invalid")}
            </div>
            <Link href="/sign-in">{t("toSignIn")}</Link>
          </>
        )}
      </div>
    </main>
  );
}
