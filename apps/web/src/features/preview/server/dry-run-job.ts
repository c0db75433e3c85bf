import { safeCompileTask, wireToMessage } from "@outflow/pipeline";
import { type DryRunPlan, planDryRun } from "@outflow/pipeline/dry-run";
import { provideSchemas } from "@outflow/pipeline/formats/schema-decoders";
import type { WireMessage } from "@outflow/schemas/api/preview";
import type { Issue } from "@outflow/schemas/errors";
import type { SchemaEntries } from "./registry-schemas";

/** One chunk of a dry run for a thread: the messages, and the throw-away indices' names so far (kept in order). */
export type DryRunJob = { config: unknown; messages: WireMessage[]; prefix: string; knownTargets: string[]; maxTargets: number; schemas?: SchemaEntries };

export type DryRunJobAnswer = { kind: "invalid"; issues: Issue[] } | { kind: "done"; plan: DryRunPlan };

/** The name of the k-th throw-away index of a dry run. */
export const throwawayName = (prefix: string, k: number): string => `${prefix}-${k}`;

/** A dry-run thread's work, pure: the worker's compile and processMessage over the chunk (planDryRun). */
export function runDryRunJob(job: DryRunJob, clock: () => number = Date.now): DryRunJobAnswer {
  const compiled = safeCompileTask(job.config);
  if (!compiled.ok) {
    return { kind: "invalid", issues: compiled.issues };
  }
  const now = clock();
  const messages = job.messages.map((m) => wireToMessage(m, now));
  provideSchemas(compiled.task, messages, new Map(job.schemas ?? []));
  return {
    kind: "done",
    plan: planDryRun(compiled.task, messages, now, {
      throwawayName: (k) => throwawayName(job.prefix, k),
      maxTargets: job.maxTargets,
      knownTargets: job.knownTargets,
    }),
  };
}
