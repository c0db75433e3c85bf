/**
 * The RFC 7396 merge patch that turns `before` into `after`: keys missing from `after` become null (removed),
 * changed objects are diffed key by key, anything else (arrays, values) is replaced. Equal values are left out.
 */
export function diffMergePatch(before: unknown, after: unknown): unknown {
  if (!isObject(before) || !isObject(after)) {
    return after;
  }
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (!(key in after) || after[key] === undefined) {
      patch[key] = null;
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) {
      continue;
    }
    if (!(key in before)) {
      patch[key] = value;
    } else if (!deepEqual(before[key], value)) {
      patch[key] = diffMergePatch(before[key], value);
    }
  }
  return patch;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
