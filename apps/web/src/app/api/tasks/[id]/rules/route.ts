import { TaskView } from "@outflow/schemas/api/responses";
import { RulesDocument } from "@outflow/schemas/api/rules";
import { exportRules, importRules } from "@/features/tasks/server/rules-document-service";
import { jsonOf, readRawJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
type P = { id: string };

/** Export: the task's parse settings and rules as a versioned document. */
export const GET = route<P>(async (_req, { id }) => jsonOf(RulesDocument, await exportRules(id)), { role: "viewer" });

/** Import: replaces the task's rules (and parse settings, if the document has them). */
export const PUT = route<P>(async (req, { id }, actor) => jsonOf(TaskView, await importRules(id, await readRawJson(req), actor)), { role: "editor" });
