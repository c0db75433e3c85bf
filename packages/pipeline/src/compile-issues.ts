import type { Issue } from "@outflow/schemas/errors";

/** Collects config problems with the dotted path of the field they concern. */
export class IssueList {
  readonly items: Issue[] = [];
  add(field: string, message: string): void {
    this.items.push({ field, message });
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
