import { z } from "zod";

/** How deep a merge patch may nest objects; config and connection documents need far less. */
export const MERGE_PATCH_MAX_DEPTH = 32;

/** Keys that could reach an object's prototype: a patch never sets them. */
const IGNORED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The body of a PATCH that is a merge patch: an object (null, arrays and scalars would replace the whole resource). */
export const MergePatchObject = z.record(z.string(), z.unknown(), { error: "The body must be a JSON object (a JSON merge patch)" });

export class MergePatchTooDeep extends Error {
  override name = "MergePatchTooDeep";
  constructor(readonly maxDepth: number) {
    super(`The merge patch nests objects more than ${maxDepth} levels deep`);
  }
}

/**
 * RFC 7396 JSON merge patch: objects merge key by key, null deletes, anything else replaces. Iterative (no stack
 * growth with depth); objects nested deeper than `maxDepth` throw MergePatchTooDeep; `__proto__`, `constructor`
 * and `prototype` keys of the patch are ignored.
 */
export function mergePatch(target: unknown, patch: unknown, maxDepth = MERGE_PATCH_MAX_DEPTH): unknown {
  if (!isObject(patch)) {
    return patch;
  }
  const root = startFrom(target);
  const pending: { out: Record<string, unknown>; patch: Record<string, unknown>; depth: number }[] = [{ out: root, patch, depth: 1 }];
  for (let job = pending.pop(); job; job = pending.pop()) {
    if (job.depth > maxDepth) {
      throw new MergePatchTooDeep(maxDepth);
    }
    for (const [k, v] of Object.entries(job.patch)) {
      if (IGNORED_KEYS.has(k)) {
        continue;
      }
      if (v === null) {
        delete job.out[k];
      } else if (isObject(v)) {
        const child = startFrom(job.out[k]);
        job.out[k] = child;
        pending.push({ out: child, patch: v, depth: job.depth + 1 });
      } else {
        job.out[k] = v;
      }
    }
  }
  return root;
}

/** A fresh copy of `target`'s own keys when it is an object (so the target is never changed), else `{}`. */
function startFrom(target: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isObject(target)) {
    for (const [k, v] of Object.entries(target)) {
      if (!IGNORED_KEYS.has(k)) {
        out[k] = v;
      }
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
