import { isRecord } from "./field-path";
import { assignKey } from "./safe-object";

/**
 * `{a:{b:1}}` → `{"a.b":1}`. Arrays are kept as values. Fails past `maxDepth` levels of objects. A record with
 * nothing to flatten is returned as it is (the same object), so callers can tell nothing changed.
 */
export function flattenRecord(
  record: Record<string, unknown>,
  separator: string,
  maxDepth: number,
): { ok: true; record: Record<string, unknown> } | { ok: false; reason: string } {
  if (!Object.values(record).some((v) => isRecord(v) && Object.keys(v).length > 0)) {
    return { ok: true, record };
  }
  const out: Record<string, unknown> = {};
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number): boolean => {
    if (depth > maxDepth) {
      return false;
    }
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}${separator}${k}` : k;
      if (isRecord(v) && Object.keys(v).length > 0) {
        if (!walk(v, key, depth + 1)) {
          return false;
        }
      } else {
        assignKey(out, key, v);
      }
    }
    return true;
  };
  return walk(record, "", 1) ? { ok: true, record: out } : { ok: false, reason: `nested deeper than the flatten limit of ${maxDepth} levels` };
}
