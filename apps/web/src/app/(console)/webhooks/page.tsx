import { RoleGate } from "@/features/session/components/role-gate";
import { WebhookManager } from "@/features/webhooks/components/webhook-manager";

export const metadata = { title: "Webhooks · Outflow" };

export default function WebhooksPage() {
  return (
    <RoleGate need="editor">
      <WebhookManager />
    </RoleGate>
  );
}
