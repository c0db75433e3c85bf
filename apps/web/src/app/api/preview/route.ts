import { PreviewRequest } from "@outflow/schemas/api/preview";
import { PreviewResult } from "@outflow/schemas/api/responses";
import { preview } from "@/features/preview/server/preview-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async (req) => jsonOf(PreviewResult, await preview(await readJson(req, PreviewRequest, "", { allowNul: true }))), { role: "editor" });
