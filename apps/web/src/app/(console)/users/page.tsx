import { RoleGate } from "@/features/session/components/role-gate";
import { UserManager } from "@/features/users/components/user-manager";

export const metadata = { title: "Users · Outflow" };

export default function UsersPage() {
  return (
    <RoleGate need="admin">
      <UserManager />
    </RoleGate>
  );
}
