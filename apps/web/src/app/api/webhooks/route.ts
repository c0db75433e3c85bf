import { CreateWebhookRequest, WebhookPage, WebhookQuery, WebhookView } from "@outflow/schemas/api/webhooks";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { createWebhook, getWebhooks } from "@/features/webhooks/server/webhook-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Webhooks by name, a page at a time: `?limit=` (1-100, 50) and `?after=` (the last page's `nextCursor`). */
export const GET = route(
  async (req) => {
    const q = WebhookQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    return jsonOf(WebhookPage, await getWebhooks(q.data));
  },
  { role: "editor" },
);

/** A new webhook; its secret is sealed and never shown again. */
export const POST = route(async (req) => jsonOf(WebhookView, await createWebhook(await readJson(req, CreateWebhookRequest)), 201), { role: "editor" });
