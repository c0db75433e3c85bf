import { UpdateUserRequest, UserView } from "@outflow/schemas/api/auth";
import { removeUser, updateUser } from "@/features/users/server/user-service";
import { jsonOf, noContent, readJson, route } from "@/lib/http/route";
import { withAuditDetails } from "@/server/audit-trail";

export const dynamic = "force-dynamic";
type P = { id: string };

/** `{ role }` changes the role; `{ password }` resets the password (and ends the user's sessions and API tokens). */
export const PATCH = route<P>(
  async (req, { id }, me) => {
    const change = await readJson(req, UpdateUserRequest);
    const res = jsonOf(UserView, await updateUser(id, change, me.userId));
    // What changed, never the password itself.
    return withAuditDetails(res, { ...(change.role ? { role: change.role } : {}), ...(change.password ? { passwordReset: true } : {}) });
  },
  { role: "admin" },
);

export const DELETE = route<P>(
  async (_req, { id }, me) => {
    await removeUser(id, me.userId);
    return noContent();
  },
  { role: "admin" },
);
