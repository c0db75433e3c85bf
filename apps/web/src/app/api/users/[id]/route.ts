import { UpdateUserRequest, UserView } from "@outflow/schemas/api/auth";
import { removeUser, updateUser } from "@/features/users/server/user-service";
import { jsonOf, noContent, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
type P = { id: string };

/** `{ role }` changes the role; `{ password }` resets the password (and ends the user's sessions). */
export const PATCH = route<P>(async (req, { id }, me) => jsonOf(UserView, await updateUser(id, await readJson(req, UpdateUserRequest), me.userId)), {
  role: "admin",
});

export const DELETE = route<P>(
  async (_req, { id }, me) => {
    await removeUser(id, me.userId);
    return noContent();
  },
  { role: "admin" },
);
