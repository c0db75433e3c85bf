import { DeliveryResult, WebhookPage, WebhookView } from "@outflow/schemas/api/webhooks";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";

export const webhookKeys = { all: ["webhooks"] as const, page: (after: string | null) => ["webhooks", "page", after ?? ""] as const };

export const WEBHOOK_PAGE_SIZE = 50;

export const webhookPageOptions = (after: string | null) =>
  queryOptions({
    queryKey: webhookKeys.page(after),
    queryFn: () => fetchJson(`/api/webhooks?limit=${WEBHOOK_PAGE_SIZE}${after ? `&after=${encodeURIComponent(after)}` : ""}`, WebhookPage),
    placeholderData: keepPreviousData,
  });

/** Every enabled and disabled webhook up to 100, for the task wizard's choice of where alerts go. */
export const webhookChoicesOptions = () =>
  queryOptions({ queryKey: [...webhookKeys.all, "choices"], queryFn: async () => (await fetchJson("/api/webhooks?limit=100", WebhookPage)).items });

export type WebhookBody = { name: string; url: string; events: ("firing" | "resolved")[]; enabled: boolean; secret?: string };

export const createWebhook = (body: WebhookBody) => sendJson("POST", "/api/webhooks", WebhookView, body);

export const updateWebhook = (id: string, body: Partial<WebhookBody>) => sendJson("PATCH", `/api/webhooks/${encodeURIComponent(id)}`, WebhookView, body);

export const deleteWebhook = (id: string) => fetchJson(`/api/webhooks/${encodeURIComponent(id)}`, undefined, { method: "DELETE" });

export const testWebhook = (id: string) => sendJson("POST", `/api/webhooks/${encodeURIComponent(id)}/test`, DeliveryResult);
