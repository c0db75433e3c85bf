import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/features/session/components/change-password-form";
import { TokenManager } from "@/features/tokens/components/token-manager";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("account");

export default async function AccountPage() {
  const t = await getTranslations("session.account");
  return (
    <>
      <div className="page-header">
        <h1>{t("title")}</h1>
      </div>
      <div className="stack">
        <TokenManager />
        <ChangePasswordForm />
      </div>
    </>
  );
}
