import { validateRulesDocument } from "@/features/tasks/server/rules-document-service";
import { json, readRawJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Checks a rules document before import: 200 with the normalised document, or 422 naming each bad field. */
export const POST = route(async (req) => json({ ok: true, document: validateRulesDocument(await readRawJson(req)) }), { role: "editor" });
