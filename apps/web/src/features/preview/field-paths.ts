import type { SchemaNode } from "@outflow/pipeline/formats/schema-tree";
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

/**
 * The field paths of records decoded by a registry schema, as `fieldPaths` names them in a sampled record: every
 * record field and, within records, their fields; arrays and maps are a path of their own. With the parse's
 * flatten separator, nested fields are one key each (`$["a.b"]`), as the flattened record holds them.
 */
export function schemaFieldPaths(root: SchemaNode, flattenSeparator?: string, max = MAX_FIELD_PATHS): string[] {
  const seen = new Set<string>();
  const walk = (node: SchemaNode, at: string[], depth: number) => {
    if (node.kind !== "record") {
      return;
    }
    for (const f of node.fields) {
      if (seen.size >= max) {
        return;
      }
      const path = flattenSeparator !== undefined && at.length > 0 ? [`${at[0]}${flattenSeparator}${f.name}`] : [...at, f.name];
      const nested = f.node.kind === "record" && f.node.fields.length > 0 && depth < MAX_DEPTH;
      // A flattened record holds its nested records' leaves only.
      if (!(nested && flattenSeparator !== undefined)) {
        seen.add(jsonPath(path));
      }
      if (nested) {
        walk(f.node, path, depth + 1);
      }
    }
  };
  walk(root, [], 1);
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Sampled paths and the schema's together, each once, sorted. */
export function unitePaths(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}
