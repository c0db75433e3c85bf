import { countUsers } from "@outflow/auth/users";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SignInForm } from "@/features/session/components/sign-in-form";
import { pageTitle } from "@/i18n/page-title";
import { ctx } from "@/server/context";
import { currentPageActor } from "@/server/page-session";

export const generateMetadata = pageTitle("signIn");
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentPageActor()) {
    redirect("/tasks");
  }
  const noUsers = (await countUsers(ctx().db)) === 0;
  const t = await getTranslations("session.signIn");
  return (
    <main className="auth-page">
      <div className="panel stack">
        <div className="auth-brand-row">
          <div className="brand">Outflow</div>
          <LanguageSwitch signedIn={false} />
        </div>
        <h1>{t("title")}</h1>
        {noUsers ? <div className="notice info">{t("noUsers")}</div> : <SignInForm />}
        <p className="muted small">{t("askAdmin")}</p>
      </div>
    </main>
  );
}
