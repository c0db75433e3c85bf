import { PreviewRequest } from "@outflow/schemas/api/preview";
import { preview } from "@/features/preview/server/preview-service";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async (req) => json(await preview(await readJson(req, PreviewRequest))));
