/**
 * The one place user regular expressions are compiled. Patterns are bounded in size and run on
 * short inputs; the processing-rules issue replaces this with a linear-time engine.
 */
export const MAX_PATTERN_LENGTH = 2_000;

export function compileUserRegex(pattern: string, flags = ""): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  try {
    return { ok: true, regex: new RegExp(pattern, flags) };
  } catch (e) {
    return { ok: false, reason: `invalid regular expression: ${(e as Error).message}` };
  }
}
