import { ChangePasswordForm } from "@/features/session/components/change-password-form";
import { sessionText } from "@/features/session/messages";
import { TokenManager } from "@/features/tokens/components/token-manager";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("account");

export default function AccountPage() {
  return (
    <>
      <div className="page-header">
        <h1>{sessionText.account.title}</h1>
      </div>
      <div className="stack">
        <TokenManager />
        <ChangePasswordForm />
      </div>
    </>
  );
}
