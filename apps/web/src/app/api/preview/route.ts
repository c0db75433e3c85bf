import { PreviewRequest } from "@outflow/schemas/api/preview";
import { preview } from "@/features/preview/server/preview-service";
import { readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// The preview thread has checked the answer against PreviewResult and written it as JSON, its message contents'
// U+2068 and U+2069 as the request's stand-ins (message-contents.ts): passed on as it is.
export const POST = route(
  async (req) => new Response(await preview(await readJson(req, PreviewRequest, "", { allowNul: true })), { headers: { "content-type": "application/json" } }),
  { role: "editor" },
);
