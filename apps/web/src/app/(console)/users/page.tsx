import { RoleGate } from "@/features/session/components/role-gate";
import { UserManager } from "@/features/users/components/user-manager";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("users");

export default function UsersPage() {
  return (
    <RoleGate need="admin">
      <UserManager />
    </RoleGate>
  );
}
