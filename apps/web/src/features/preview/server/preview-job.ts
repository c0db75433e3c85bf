import { PreviewOverBudget, previewMessages, safeCompileTask, wireToMessage } from "@outflow/pipeline";
import { provideSchemas } from "@outflow/pipeline/formats/schema-decoders";
import type { WireMessage } from "@outflow/schemas/api/preview";
import { PreviewResult } from "@outflow/schemas/api/responses";
import type { Issue } from "@outflow/schemas/errors";
import type { StartPosition } from "@outflow/schemas/task-config";
import type { z } from "zod";
import { type ContentsMarks, swapMarks } from "../../../lib/http/contents-marks";
import type { SchemaEntries } from "./registry-schemas";

/** Characters one preview may answer (the records of every step, and the bulk). */
export const PREVIEW_MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

/**
 * What a preview thread is asked: a config, and the messages (none yet: the thread says what to sample);
 * `contentsMarks`: the request thread's stand-ins for U+2068 and U+2069 in the answer's contents (message-contents.ts).
 */
export type PreviewJob = { config: unknown; messages: WireMessage[] | null; budgetMs: number; schemas?: SchemaEntries; contentsMarks?: ContentsMarks };

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
    const result = PreviewResult.parse({ messages: job.messages, rows });
    return { kind: "done", json: JSON.stringify(job.contentsMarks ? withContentsMarks(result, job.contentsMarks) : result) };
  } catch (err) {
    if (err instanceof PreviewOverBudget) {
      return { kind: "over-budget", message: clock() > deadline ? overTimeMessage(job.budgetMs) : err.message };
    }
    throw err;
  }
}

/**
 * The answer with the marks in its contents swapped: the messages, every step's record, the actions and the bulk
 * lines. Reasons (a step's outcome, a result's or failure's reason) keep theirs, for the API's reason pass.
 */
function withContentsMarks(result: z.infer<typeof PreviewResult>, marks: ContentsMarks): z.infer<typeof PreviewResult> {
  return {
    messages: swapMarks(result.messages, marks),
    rows: result.rows.map((row) => ({
      ...row,
      steps: row.steps.map((step) => ({ ...step, record: swapMarks(step.record, marks) })),
      result: row.result.kind === "write" ? { ...row.result, actions: swapMarks(row.result.actions, marks) } : row.result,
      bulk: swapMarks(row.bulk, marks),
    })),
  };
}
