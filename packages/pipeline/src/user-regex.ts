import { compileSafeRegex, type SafeRegex } from "./regex";

/**
 * The one place user regular expressions are compiled: the linear-time engine in ./regex (JavaScript's RegExp,
 * which backtracks, never runs a user pattern). Matching is linear in the input, and inputs are bounded too.
 */
export const MAX_MATCH_INPUT = 65_536;

export function compileUserRegex(pattern: string, flags = ""): { ok: true; regex: SafeRegex } | { ok: false; reason: string } {
  const r = compileSafeRegex(pattern, flags);
  return r.ok ? r : { ok: false, reason: `invalid regular expression: ${r.reason}` };
}

/** Why a value may not be matched (too long), or null. */
export function tooLongToMatch(value: string): string | null {
  return value.length > MAX_MATCH_INPUT ? `the value is ${value.length} characters; patterns run on at most ${MAX_MATCH_INPUT}` : null;
}
