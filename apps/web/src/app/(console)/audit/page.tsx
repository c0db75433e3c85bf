import { AuditLog } from "@/features/audit/components/audit-log";
import { RoleGate } from "@/features/session/components/role-gate";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("audit");

export default function AuditPageRoute() {
  return (
    <RoleGate need="admin">
      <AuditLog />
    </RoleGate>
  );
}
