import "server-only";
import { createUser } from "@outflow/auth/users";
import type { UserListPage, UserView } from "@outflow/schemas/api/auth";
import { type PageQuery, pageOf } from "@outflow/schemas/api/paging";
import { AppError } from "@outflow/schemas/errors";
import { type Role, roleOf } from "@outflow/schemas/roles";
import { auth } from "@/server/auth";
import { ctx } from "@/server/context";

type UserRow = { id: string; name: string; email: string; role: string; createdAt: Date };

function view(u: UserRow): UserView {
  return { id: u.id, name: u.name, email: u.email, role: roleOf(u.role), createdAt: u.createdAt.toISOString() };
}

export async function getUsers(page: PageQuery): Promise<UserListPage> {
  const [rows, total] = await Promise.all([
    ctx().db.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: page.limit, skip: page.offset }),
    ctx().db.user.count(),
  ]);
  return pageOf(rows.map(view), total, page);
}

export async function addUser(input: { name: string; email: string; password: string; role: Role }): Promise<UserView> {
  if (await ctx().db.user.findUnique({ where: { email: input.email.toLowerCase() } })) {
    throw new AppError("conflict", `A user with email "${input.email}" already exists`, [{ field: "email", message: "Already in use" }]);
  }
  const { id } = await createUser(auth(), input);
  return view(await ctx().db.user.findUniqueOrThrow({ where: { id } }));
}

/** A new role, or a new password set by an admin (which also signs the user out everywhere). */
export async function updateUser(id: string, change: { role?: Role; password?: string }, actorId: string): Promise<UserView> {
  const user = await ctx().db.user.findUnique({ where: { id } });
  if (!user) {
    throw new AppError("not_found", `No user with id "${id}"`);
  }
  if (change.role && change.role !== "admin" && id === actorId) {
    throw new AppError("unprocessable_entity", "You cannot take the admin role from yourself", [{ field: "role", message: "Another admin must do this" }]);
  }
  if (change.password) {
    const c = await auth().$context;
    await c.internalAdapter.updatePassword(id, await c.password.hash(change.password));
    await c.internalAdapter.deleteUserSessions(id);
  }
  const updated = change.role ? await ctx().db.user.update({ where: { id }, data: { role: change.role } }) : user;
  return view(updated);
}

export async function removeUser(id: string, actorId: string): Promise<void> {
  if (id === actorId) {
    throw new AppError("unprocessable_entity", "You cannot delete yourself", [{ field: "id", message: "Another admin must do this" }]);
  }
  await ctx().db.user.delete({ where: { id } });
}
