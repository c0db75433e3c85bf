import { eventWords } from "@outflow/schemas/event-words";
import "server-only";
import { rulesDocumentIssues } from "@outflow/pipeline";
import type { TaskView } from "@outflow/schemas/api/responses";
import { RulesDocument } from "@outflow/schemas/api/rules";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import type { EventActor } from "@outflow/schemas/task";
import { getTask, patchTask } from "./task-service";

/** Validates a rules document completely (schema, then paths/patterns/formats); throws 422 naming each bad field. */
export function validateRulesDocument(raw: unknown): RulesDocument {
  const parsed = RulesDocument.safeParse(raw);
  if (!parsed.success) {
    throw AppError.invalid(issuesFromZod(parsed.error));
  }
  const issues = rulesDocumentIssues(parsed.data);
  if (issues.length > 0) {
    throw AppError.invalid(issues);
  }
  return parsed.data;
}

export async function exportRules(taskId: string): Promise<RulesDocument> {
  const task = await getTask(taskId);
  return { outflow: "rules", version: 1, name: task.name, exportedAt: new Date().toISOString(), parse: task.config.parse, rules: task.config.rules };
}

/** Replaces the task's rules (and parse settings, when the document has them). */
export async function importRules(taskId: string, raw: unknown, actor: EventActor): Promise<TaskView> {
  const doc = validateRulesDocument(raw);
  return patchTask(taskId, { config: { rules: doc.rules, ...(doc.parse ? { parse: doc.parse } : {}) } }, actor, eventWords.rulesImported());
}
