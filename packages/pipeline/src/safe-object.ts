import { cloneJson } from "./exact-number";

/** Assigns without ever touching the prototype chain (a key may be "__proto__" in messages). */
export function assignKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** A copy that shares nothing with `value`; primitives (most rule values) are returned as they are. */
export function deepClone<T>(value: T): T {
  return cloneJson(value);
}
