import type { Issue, IssueParams } from "@outflow/schemas/errors";

/** Why a compile helper refused its input: English, and the key and arguments that say it for translation (see IssueList). */
export type Problem = { reason: string; key?: string; params?: IssueParams };

/**
 * Collects config problems with the dotted path of the field they concern; a problem worded here gives its `key`
 * (`compile.<name>`, in the console's errors catalogue) and the values its message names, for translation.
 */
export class IssueList {
  readonly items: Issue[] = [];
  add(field: string, message: string, key?: string, params: IssueParams = {}): void {
    this.items.push(key ? { field, message, key, params } : { field, message });
  }
  /** A compile helper's problem (a path, a time zone, a date pattern …): its reason, keyed where the helper keys it. */
  addProblem(field: string, problem: Problem): void {
    this.add(field, problem.reason, problem.key, problem.params);
  }
  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}

/** Runs a compile function that returns ok/reason; records the reason and returns undefined on failure. */
export function need<T, K extends string>(
  issues: IssueList,
  field: string,
  result: ({ ok: true } & Record<K, T>) | ({ ok: false } & Problem),
  key: K,
): T | undefined {
  if (!result.ok) {
    issues.addProblem(field, result);
    return undefined;
  }
  return (result as Record<K, T>)[key];
}
