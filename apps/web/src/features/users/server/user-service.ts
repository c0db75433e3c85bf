import "server-only";
import { createUser } from "@outflow/auth/users";
import type { Db } from "@outflow/db/client";
import type { UserListPage, UserView } from "@outflow/schemas/api/auth";
import { type PageQuery, pageOf } from "@outflow/schemas/api/paging";
import { type Role, roleOf } from "@outflow/schemas/roles";
import { serverError, serverIssue } from "@/lib/http/server-error";
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
    throw serverError("conflict", "userEmailTaken", { email: input.email }, [serverIssue("email", "alreadyInUse")]);
  }
  const { id } = await createUser(auth(), input);
  return view(await ctx().db.user.findUniqueOrThrow({ where: { id } }));
}

/**
 * A new role, or a new password set by an admin, which ends the user's sessions and revokes their API tokens (whoever
 * knew the old password may have made either). A role change applies to the next request of every session and token
 * (the role is read per request). The last admin stays one.
 */
export async function updateUser(id: string, change: { role?: Role; password?: string }, actorId: string): Promise<UserView> {
  const user = await ctx().db.user.findUnique({ where: { id } });
  if (!user) {
    throw serverError("not_found", "userNotFound", { id });
  }
  if (change.role && change.role !== "admin" && id === actorId) {
    throw serverError("unprocessable_entity", "ownAdminRole", {}, [serverIssue("role", "anotherAdmin")]);
  }
  if (change.password) {
    const c = await auth().$context;
    await c.internalAdapter.updatePassword(id, await c.password.hash(change.password));
    await c.internalAdapter.deleteUserSessions(id);
    await ctx().db.apiToken.deleteMany({ where: { userId: id } });
  }
  const role = change.role;
  if (!role) {
    return view(user);
  }
  return view(
    await withAdminsLocked(async (tx) => {
      if (role !== "admin") {
        await keepOneAdmin(tx, id, "role");
      }
      return tx.user.update({ where: { id }, data: { role } });
    }),
  );
}

export async function removeUser(id: string, actorId: string): Promise<void> {
  if (id === actorId) {
    throw serverError("unprocessable_entity", "deleteSelf", {}, [serverIssue("id", "anotherAdmin")]);
  }
  await withAdminsLocked(async (tx) => {
    await keepOneAdmin(tx, id, "id");
    await tx.user.delete({ where: { id } });
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Runs `fn` with the admins' rows locked, so that two admins taking the role from each other at the same moment are
 * judged one after the other (else each would see the other still an admin).
 */
async function withAdminsLocked<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx().db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE role = 'admin' FOR UPDATE`;
    return fn(tx);
  });
}

/** Refuses to take the role from (or delete) the only admin left: then nobody could manage users again. */
async function keepOneAdmin(tx: Tx, id: string, field: string): Promise<void> {
  const admins = await tx.user.findMany({ where: { role: "admin" }, select: { id: true }, take: 2 });
  if (admins.length === 1 && admins[0]?.id === id) {
    throw serverError("unprocessable_entity", "lastAdmin", {}, [serverIssue(field, "theLastAdmin")]);
  }
}
