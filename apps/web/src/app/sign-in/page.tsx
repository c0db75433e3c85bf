import { countUsers } from "@outflow/auth/users";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LanguageSwitch } from "@/components/language-switch";
import { SignInForm } from "@/features/session/components/sign-in-form";
import { sessionText } from "@/features/session/messages";
import { pageTitle } from "@/i18n/page-title";
import { pageActorOf } from "@/server/auth";
import { ctx } from "@/server/context";

export const generateMetadata = pageTitle("signIn");
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await pageActorOf(await headers())) {
    redirect("/tasks");
  }
  const noUsers = (await countUsers(ctx().db)) === 0;
  return (
    <main className="auth-page">
      <div className="panel stack">
        <div className="auth-brand-row">
          <div className="brand">Outflow</div>
          <LanguageSwitch signedIn={false} />
        </div>
        <h1>{sessionText.signIn.title}</h1>
        {noUsers ? <div className="notice info">{sessionText.signIn.noUsers}</div> : <SignInForm />}
        <p className="muted small">{sessionText.signIn.askAdmin}</p>
      </div>
    </main>
  );
}
