import { Connection } from "@outflow/schemas/connection";
import { z } from "zod";

/** Answer shapes of the connections API that have no schema in @outflow/schemas (yet). */
export const ConnectionList = z.object({ items: z.array(Connection) });

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  details: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const TopicList = z.object({ items: z.array(z.object({ name: z.string(), partitions: z.number() })) });
export type TopicInfo = z.infer<typeof TopicList>["items"][number];

export const NoContent = z.null();
