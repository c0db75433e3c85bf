import type { Db } from "@outflow/db/client";
import type { Role } from "@outflow/schemas/roles";
import type { Auth } from "./auth";

export type NewUser = { name: string; email: string; password: string; role: Role };

/** Creates a user with the library's password hashing (a server call: no session needed, callers check roles). */
export async function createUser(auth: Auth, u: NewUser): Promise<{ id: string; email: string; role: Role }> {
  const res = await auth.api.createUser({ body: { name: u.name, email: u.email.toLowerCase(), password: u.password, role: u.role } });
  return { id: res.user.id, email: res.user.email, role: u.role };
}

export async function countUsers(db: Db): Promise<number> {
  return db.user.count();
}
