import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * The API as its files say: every `route.ts` under apps/web/src/app/api, as a pattern (`/api/tasks/[id]`) and the
 * HTTP methods it exports (`export const GET`, `export async function POST`, `export { GET, POST }`).
 */
export function apiRouteFiles(root: string): { pattern: string; methods: string[] }[] {
  const base = join(root, "apps/web/src/app/api");
  const files = readdirSync(base, { recursive: true, encoding: "utf8" }).filter((f) => f === "route.ts" || f.endsWith(`${sep}route.ts`));
  return files
    .map((file) => {
      const text = readFileSync(join(base, file), "utf8");
      const methods = new Set<string>();
      for (const m of text.matchAll(/^export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/gm)) {
        methods.add(m[1] as string);
      }
      for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) {
        for (const name of (m[1] as string).split(",")) {
          methods.add((name.split(/\s+as\s+/).pop() ?? "").trim());
        }
      }
      const dir = relative(base, join(base, file, ".."))
        .split(sep)
        .filter(Boolean);
      return { pattern: ["/api", ...dir].join("/"), methods: [...methods].filter((m) => METHODS.includes(m)).sort() };
    })
    .sort((a, b) => (a.pattern < b.pattern ? -1 : 1));
}

/** Paths under the auth library's catch-all (/api/auth/[...all]): its real endpoints and some it does not have. */
export const AUTH_LIBRARY_PATHS = [
  "sign-in/email",
  "sign-up/email",
  "sign-out",
  "get-session",
  "change-password",
  "list-sessions",
  "revoke-session",
  "admin/set-role",
  "admin/create-user",
  "admin/impersonate-user",
  "update-user",
  "verify-password",
  "ok",
  "error",
  "nope",
  "%ff",
  "sign-in/%00",
  `x/${"y".repeat(300)}`,
];
