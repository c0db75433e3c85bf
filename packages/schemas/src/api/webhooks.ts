import { z } from "zod";
import { AlertState } from "../alerts";

/** An http(s) URL without credentials in it (a secret belongs in `secret`, which is sealed). */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2_000, { error: "At most 2000 characters" })
  .pipe(z.url({ protocol: /^https?$/, error: "Expected an http(s) URL, e.g. https://hooks.example.com/outflow" }))
  .refine((u) => !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(u), {
    error: "No user or password in the URL: the signing secret proves the sender, and a URL is shown wherever the webhook is",
    params: { messageKey: "schema.webhooks.urlCredentials" },
  });

/** The HMAC-SHA256 key the receiver checks signatures with: 16 to 200 characters. */
export const WebhookSecret = z.string().min(16, { error: "At least 16 characters" }).max(200, { error: "At most 200 characters" });

const Name = z.string().trim().min(1, { error: "Name is required" }).max(100, { error: "At most 100 characters" });
const Events = z
  .array(AlertState)
  .min(1, { error: "Choose firing, resolved or both" })
  .refine((e) => new Set(e).size === e.length, { error: "Events must not repeat", params: { messageKey: "schema.webhooks.eventsRepeat" } });

/** POST /api/webhooks (editor). */
export const CreateWebhookRequest = z.strictObject({
  name: Name,
  url: WebhookUrl,
  events: Events.default(["firing", "resolved"]),
  secret: WebhookSecret,
  enabled: z.boolean().default(true),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

/** PATCH /api/webhooks/:id (editor): the fields to change; a left-out secret is kept. */
export const UpdateWebhookRequest = z
  .strictObject({
    name: Name.optional(),
    url: WebhookUrl.optional(),
    events: Events.optional(),
    secret: WebhookSecret.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    error: "Send at least one of name, url, events, secret, enabled",
    params: { messageKey: "schema.webhooks.atLeastOne" },
  });
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

/** A webhook as the API shows it: never its secret. */
export const WebhookView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(AlertState),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;

/** GET /api/webhooks?limit=&after=: by name; `nextCursor` is the `after` of the next page. */
export const WebhookQuery = z.strictObject({
  limit: z.coerce.number().int({ error: "A whole number" }).min(1, { error: "At least 1" }).max(100, { error: "At most 100" }).default(50),
  after: z.string().max(100).optional(),
});
export const WebhookPage = z.object({ items: z.array(WebhookView), nextCursor: z.string().nullable() });

/** What one delivery attempt got back: the receiver's status (and the start of its body), or the error. */
export const DeliveryResult = z.object({
  ok: z.boolean(),
  status: z.int().nullable(),
  latencyMs: z.number(),
  body: z.string().optional(),
  error: z.string().optional(),
});
export type DeliveryResult = z.infer<typeof DeliveryResult>;
