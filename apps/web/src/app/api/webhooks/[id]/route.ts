import { UpdateWebhookRequest, WebhookView } from "@outflow/schemas/api/webhooks";
import { getWebhook, patchWebhook, removeWebhook } from "@/features/webhooks/server/webhook-service";
import { jsonOf, noContent, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
type P = { id: string };

export const GET = route<P>(async (_req, { id }) => jsonOf(WebhookView, await getWebhook(id)), { role: "editor" });

/** Changes the fields sent; a left-out secret is kept. */
export const PATCH = route<P>(async (req, { id }) => jsonOf(WebhookView, await patchWebhook(id, await readJson(req, UpdateWebhookRequest))), {
  role: "editor",
});

export const DELETE = route<P>(
  async (_req, { id }) => {
    await removeWebhook(id);
    return noContent();
  },
  { role: "editor" },
);
