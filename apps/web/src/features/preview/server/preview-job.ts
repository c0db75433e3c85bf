import { PreviewOverBudget, previewMessages, safeCompileTask, wireToMessage } from "@outflow/pipeline";
import { provideSchemas } from "@outflow/pipeline/formats/schema-decoders";
import type { WireMessage } from "@outflow/schemas/api/preview";
import { PreviewResult } from "@outflow/schemas/api/responses";
import type { Issue } from "@outflow/schemas/errors";
import type { StartPosition } from "@outflow/schemas/task-config";
import type { SchemaEntries } from "./registry-schemas";

/** Characters one preview may answer (the records of every step, and the bulk). */
export const PREVIEW_MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

/** What a preview thread is asked: a config, and the messages (none yet: the thread says what to sample). */
export type PreviewJob = { config: unknown; messages: WireMessage[] | null; budgetMs: number; schemas?: SchemaEntries };

export type PreviewJobAnswer =
  | { kind: "invalid"; issues: Issue[] }
  | { kind: "sample"; source: { connectionId: string; topics: string[]; startPosition: StartPosition } }
  | { kind: "over-budget"; message: string }
  /** The API's answer, as JSON text: JSON.rawJSON numbers cannot cross threads, their text can. */
  | { kind: "done"; json: string };

/** The message of a preview stopped at its time budget, in the thread or by ending it. */
export function overTimeMessage(budgetMs: number): string {
  return `the preview ran over its time budget of ${budgetMs} ms (OUTFLOW_PREVIEW_BUDGET_MS)`;
}

/**
 * A preview thread's whole work, pure (the thread entry only carries it): the same compile and processMessage the
 * worker runs, within the output budget and the time budget (checked after every step; the pool ends a thread whose
 * step runs on past it).
 */
export function runPreviewJob(job: PreviewJob, clock: () => number = Date.now): PreviewJobAnswer {
  const started = clock();
  const compiled = safeCompileTask(job.config);
  if (!compiled.ok) {
    return { kind: "invalid", issues: compiled.issues };
  }
  if (!job.messages) {
    const { connectionId, topics, startPosition } = compiled.task.config.source;
    return { kind: "sample", source: { connectionId, topics, startPosition } };
  }
  const now = clock();
  const deadline = started + job.budgetMs;
  try {
    const messages = job.messages.map((m) => wireToMessage(m, now));
    provideSchemas(compiled.task, messages, new Map(job.schemas ?? []));
    const rows = previewMessages(compiled.task, messages, now, { maxOutputChars: PREVIEW_MAX_OUTPUT_CHARS, deadline, clock });
    return { kind: "done", json: JSON.stringify(PreviewResult.parse({ messages: job.messages, rows })) };
  } catch (err) {
    if (err instanceof PreviewOverBudget) {
      return { kind: "over-budget", message: clock() > deadline ? overTimeMessage(job.budgetMs) : err.message };
    }
    throw err;
  }
}
