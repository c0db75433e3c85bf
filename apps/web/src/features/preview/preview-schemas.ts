import { WireMessage } from "@outflow/schemas/api/preview";
import { z } from "zod";

/** Answer shapes of the sample and preview endpoints (mirroring @outflow/pipeline's PreviewRow). */
export const SampleList = z.object({ items: z.array(WireMessage) });
export type SampleMessage = z.infer<typeof WireMessage>;

const TraceStep = z.object({ step: z.string(), record: z.unknown().optional(), outcome: z.string().optional() });

const Processed = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("write"), actions: z.array(z.record(z.string(), z.unknown())) }),
  z.object({ kind: z.literal("filtered"), reason: z.string() }),
  z.object({ kind: z.literal("dropped"), reason: z.string() }),
  z.object({ kind: z.literal("failed"), stage: z.string(), reason: z.string() }),
]);

export const PreviewRow = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  steps: z.array(TraceStep),
  result: Processed,
  failure: z.object({ kind: z.string(), stage: z.string().optional(), reason: z.string().optional() }).optional(),
  bulk: z.string(),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const PreviewResult = z.object({ messages: z.array(WireMessage), rows: z.array(PreviewRow) });
