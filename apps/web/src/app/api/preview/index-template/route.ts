import { IndexTemplateAnswer, IndexTemplateRequest } from "@outflow/schemas/api/index-template";
import { createIndexTemplate } from "@/features/preview/server/index-template-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `{ connectionId, name, indexPatterns, fields: [{ name, type, format? }], priority?, replace? }`: an index template from the wizard. */
export const POST = route(async (req) => jsonOf(IndexTemplateAnswer, await createIndexTemplate(await readJson(req, IndexTemplateRequest)), 201), {
  role: "editor",
});
