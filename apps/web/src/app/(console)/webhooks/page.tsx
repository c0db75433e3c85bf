import { RoleGate } from "@/features/session/components/role-gate";
import { WebhookManager } from "@/features/webhooks/components/webhook-manager";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("webhooks");

export default function WebhooksPage() {
  return (
    <RoleGate need="editor">
      <WebhookManager />
    </RoleGate>
  );
}
