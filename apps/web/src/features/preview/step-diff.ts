import diff from "microdiff";

/** One difference between the record before a step and after it, at a JSONPath (`$.a.b`, `$.tags[0]`). */
export type StepChange =
  | { kind: "added"; path: string; after: unknown }
  | { kind: "removed"; path: string; before: unknown }
  | { kind: "changed"; path: string; before: unknown; after: unknown };

/** The names the pipeline's paths take after a dot (field-path.ts); any other in brackets. */
const IDENTIFIER = /^[A-Za-z0-9_@$-]+$/;

/** `$`, then `.name`, `["odd name"]` or `[3]` per segment. */
export function jsonPath(segments: (string | number)[]): string {
  return segments.reduce<string>((p, s) => (typeof s === "number" ? `${p}[${s}]` : IDENTIFIER.test(s) ? `${p}.${s}` : `${p}[${JSON.stringify(s)}]`), "$");
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === "object" && v !== null;

/**
 * What a step did to the record: the paths it added, removed and changed, in document order. A record that is not
 * an object or array on either side (a step that made or dropped the whole record) is one change at `$`.
 */
export function stepChanges(before: unknown, after: unknown): StepChange[] {
  if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after)) {
    if (before === undefined && after === undefined) {
      return [];
    }
    if (before === undefined) {
      return [{ kind: "added", path: "$", after }];
    }
    if (after === undefined) {
      return [{ kind: "removed", path: "$", before }];
    }
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ kind: "changed", path: "$", before, after }];
  }
  return diff(before, after).map((d) => {
    const path = jsonPath(d.path);
    switch (d.type) {
      case "CREATE":
        return { kind: "added", path, after: d.value };
      case "REMOVE":
        return { kind: "removed", path, before: d.oldValue };
      default:
        return { kind: "changed", path, before: d.oldValue, after: d.value };
    }
  });
}
