import { serverError } from "./server-error";

/** Longer than any id the API hands out (cuids are 25 characters). */
const MAX_PARAM_LENGTH = 128;

/** An id in a path that no record can have (NUL, control characters, absurd length) is a 404 before any query. */
export function checkRouteParams(params: unknown): void {
  if (typeof params !== "object" || params === null) {
    return;
  }
  for (const value of Object.values(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === "string" && (v.length > MAX_PARAM_LENGTH || hasControlCharacter(v))) {
        throw serverError("not_found", "noSuchResource");
      }
    }
  }
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      return true;
    }
  }
  return false;
}
