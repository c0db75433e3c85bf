import "server-only";
import { maskedJsonText, plainReason } from "@outflow/schemas/reason-values";
import type { Role } from "@outflow/schemas/roles";
import { restoreContents } from "./message-contents";

const MARKED = /[\u2068\u2069]/;

/**
 * Reasons are stored with the failing values marked (@outflow/schemas/reason-values): every JSON answer leaves with
 * them hidden for a viewer (or a public caller) and shown, without the marks, for everyone else. Done here, on the
 * answer's text, so no route that quotes a reason (task, list, events, alerts) can forget it. Message contents are
 * not reasons: a route wraps them in messageContents (message-contents.ts), so their own U+2068 and U+2069 pass this
 * as stand-ins and leave as JSON escapes, byte-exact.
 */
export async function reasonsFor(role: Role | null, res: Response): Promise<Response> {
  if (res.body === null || !res.headers.get("content-type")?.startsWith("application/json")) {
    return res;
  }
  const text = await res.text();
  const body = !MARKED.test(text) ? text : role === null || role === "viewer" ? maskedJsonText(text) : plainReason(text);
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(restoreContents(body), { status: res.status, statusText: res.statusText, headers });
}
