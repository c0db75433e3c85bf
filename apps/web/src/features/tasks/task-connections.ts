import type { Task } from "@outflow/schemas/task";

/** The connections a task reads from and writes to: source, target, and the dead-letter producer's if it has its own. */
export function taskConnectionIds(t: Pick<Task, "config">): string[] {
  const { source, sink, failure } = t.config;
  return [source.connectionId, sink.connectionId, ...(failure.policy === "dead_letter" && failure.connectionId ? [failure.connectionId] : [])];
}
