/** Dotted paths into the draft config (`sink.index`, `rules.2.conditions.0.op`): numeric segments index arrays. */
export type Path = string;

const segments = (path: Path) => (path === "" ? [] : path.split("."));

export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const seg of segments(path)) {
    if (cur === null || typeof cur !== "object") {
      return undefined;
    }
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** A copy of `root` with `value` at `path` (undefined removes the key; missing parents are created). */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  return setIn(root, segments(path), value) as T;
}

function setIn(node: unknown, segs: string[], value: unknown): unknown {
  const [head, ...rest] = segs;
  if (head === undefined) {
    return value;
  }
  const child = rest.length === 0 ? value : setIn(node !== null && typeof node === "object" ? (node as Record<string, unknown>)[head] : undefined, rest, value);
  if (Array.isArray(node)) {
    const copy = [...node];
    const i = Number(head);
    if (child === undefined) {
      copy.splice(i, 1);
    } else {
      copy[i] = child;
    }
    return copy;
  }
  const copy: Record<string, unknown> = node !== null && typeof node === "object" ? { ...(node as Record<string, unknown>) } : {};
  if (child === undefined) {
    delete copy[head];
  } else {
    copy[head] = child;
  }
  return copy;
}

/** True when one path is the other or lies inside it. */
export function related(a: Path, b: Path): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
