import type { Issue, IssueParams } from "@outflow/schemas/errors";

/**
 * Collects config problems with the dotted path of the field they concern; a problem worded here gives its `key`
 * (`compile.<name>`, in the console's errors catalogue) and the values its message names, for translation.
 */
export class IssueList {
  readonly items: Issue[] = [];
  add(field: string, message: string, key?: string, params: IssueParams = {}): void {
    this.items.push(key ? { field, message, key, params } : { field, message });
  }
  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}

/** Runs a compile function that returns ok/reason; records the reason and returns undefined on failure. */
export function need<T, K extends string>(
  issues: IssueList,
  field: string,
  result: ({ ok: true } & Record<K, T>) | { ok: false; reason: string },
  key: K,
): T | undefined {
  if (!result.ok) {
    issues.add(field, result.reason);
    return undefined;
  }
  return (result as Record<K, T>)[key];
}
