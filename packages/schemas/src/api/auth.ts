import { z } from "zod";
import { ConsoleLocale } from "../locales";
import { Role } from "../roles";
import { Page, PageQuery, pageParams } from "./paging";

const Email = z.email({ error: "Not an email address" }).max(254);
/** better-auth's defaults: 8 to 128 characters. */
export const Password = z.string().min(8, { error: "At least 8 characters" }).max(128, { error: "At most 128 characters" });

/** POST /api/setup: the first admin, with the one-time token `npm start` printed. */
export const SetupRequest = z.strictObject({
  token: z.string().min(1, { error: "Required: the token of the setup link" }),
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
});

/** POST /api/users (admin). */
export const CreateUserRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
  role: Role,
});

/** PATCH /api/users/:id (admin): a new role, or a new password (the admin resets it). */
export const UpdateUserRequest = z
  .strictObject({ role: Role.optional(), password: Password.optional() })
  .refine((b) => b.role !== undefined || b.password !== undefined, { error: "Send role or password", params: { messageKey: "schema.users.roleOrPassword" } });

/** POST /api/tokens: a personal API token; it expires after `expiresInDays` (1 to 366). */
export const CreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(366),
});

export const UserView = z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role, createdAt: z.iso.datetime() });
export type UserView = z.infer<typeof UserView>;
/** GET /api/users: oldest first, `?limit=` (1-200, 50) and `?offset=`. */
export const UserListQuery = PageQuery(50, 200, "users");
export const UserList = Page(UserView);
export type UserListPage = z.infer<typeof UserList>;

/** GET /api/me: who the request is, how it authenticated, and the console language they chose (null: the browser's). */
export const MeView = UserView.omit({ createdAt: true }).extend({ via: z.enum(["session", "token"]), locale: ConsoleLocale.nullable() });

/** PATCH /api/me: what users change about themselves (the console language; null goes back to the browser's). */
export const MePatch = z.strictObject({ locale: ConsoleLocale.nullable() });

export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart. */
  prefix: z.string(),
  owner: z.object({ id: z.string(), email: z.string() }),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TokenView = z.infer<typeof TokenView>;
/** GET /api/tokens: newest first; `?all=true` (admins) everyone's, `?limit=` (1-200, 50) and `?offset=`. */
export const TokenListQuery = z.strictObject({
  all: z.enum(["true", "false"]).optional(),
  ...pageParams(50, 200, "tokens"),
});
export const TokenList = Page(TokenView);
export type TokenListPage = z.infer<typeof TokenList>;
/** POST /api/tokens answers the token itself once; it cannot be read again. */
export const CreatedToken = TokenView.extend({ token: z.string() });

/** GET /api/audit (admin): newest first; `actor` matches the start of an email, `action` the start of an action (`task.`). */
export const AuditQuery = z.strictObject({
  actor: z.string().max(254).optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(50).optional(),
  since: z.iso.datetime({ error: "An ISO date-time, e.g. 2026-12-01T00:00:00Z" }).optional(),
  until: z.iso.datetime({ error: "An ISO date-time, e.g. 2026-12-01T00:00:00Z" }).optional(),
  before: z.string().regex(/^\d+$/, { error: "An entry id" }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorEmail: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).optional(),
});
/** Newest first; the next (older) page is `before=nextCursor` (null on the last): a cursor, as entries keep coming while one pages. */
export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
