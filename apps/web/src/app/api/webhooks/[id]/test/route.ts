import { DeliveryResult } from "@outflow/schemas/api/webhooks";
import { sendTestNotification } from "@/features/webhooks/server/webhook-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Sends a signed test notification now and answers what the receiver said (status, start of its body) or the error. */
export const POST = route<{ id: string }>(async (_req, { id }) => jsonOf(DeliveryResult, await sendTestNotification(id)), { role: "editor" });
