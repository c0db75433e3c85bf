import { AuditLog } from "@/features/audit/components/audit-log";
import { RoleGate } from "@/features/session/components/role-gate";

export const metadata = { title: "Audit log · Outflow" };

export default function AuditPageRoute() {
  return (
    <RoleGate need="admin">
      <AuditLog />
    </RoleGate>
  );
}
