import { jsonPath } from "./step-diff";

/** Paths offered at most (a sample of wide documents would otherwise make a list nobody reads). */
export const MAX_FIELD_PATHS = 500;
const MAX_DEPTH = 12;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Every field path (`$.a`, `$.a.b`, `$["odd key"]`) in the documents, objects and their fields alike, sorted, each
 * once. Arrays are a path of their own; their elements are not listed (a rule names a field, not an element).
 */
export function fieldPaths(documents: unknown[], max = MAX_FIELD_PATHS): string[] {
  const seen = new Set<string>();
  const walk = (value: Record<string, unknown>, at: string[], depth: number) => {
    for (const [key, v] of Object.entries(value)) {
      if (seen.size >= max) {
        return;
      }
      const path = [...at, key];
      seen.add(jsonPath(path));
      if (isObject(v) && depth < MAX_DEPTH) {
        walk(v, path, depth + 1);
      }
    }
  };
  for (const d of documents) {
    if (isObject(d)) {
      walk(d, [], 1);
    }
  }
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
