import { z } from "zod";

/** What a user may do: admin (users, everyone's tokens, connections, all below), editor (tasks, samples, previews), viewer (read, no message contents). */
export const Role = z.enum(["admin", "editor", "viewer"]);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `role` may do what `needed` may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** A stored role string (better-auth keeps it as text) as a Role; anything unknown gets the least power. */
export function roleOf(stored: string | null | undefined): Role {
  const parsed = Role.safeParse(stored);
  return parsed.success ? parsed.data : "viewer";
}
