import { exportRules, importRules } from "@/features/tasks/server/rules-document-service";
import { json, readRawJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
type P = { id: string };

/** Export: the task's parse settings and rules as a versioned document. */
export const GET = route<P>(async (_req, { id }) => json(await exportRules(id)));

/** Import: replaces the task's rules (and parse settings, if the document has them). */
export const PUT = route<P>(async (req, { id }) => json(await importRules(id, await readRawJson(req))));
