import { z } from "zod";
import { StartPosition, TopicName } from "../task-config";

const TaskName = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");

/** `config` is checked by the pipeline's compile step, which names every bad field (`config.sink.index`, ...). */
export const CreateTaskRequest = z.strictObject({ name: TaskName, config: z.unknown() });
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

/** `config` is a JSON merge patch (RFC 7396) over the current config: objects merge, null removes, arrays replace. */
export const PatchTaskRequest = z.strictObject({
  name: TaskName.optional(),
  config: z.record(z.string(), z.unknown(), { error: "config must be an object (a JSON merge patch)" }).optional(),
});
export type PatchTaskRequest = z.infer<typeof PatchTaskRequest>;

export const ResetOffsetsRequest = z.union([
  StartPosition,
  z.strictObject({
    type: z.literal("offsets"),
    offsets: z
      .array(
        z.strictObject({
          topic: TopicName,
          partition: z.int().min(0),
          offset: z.string().regex(/^\d+$/, "Offset must be a non-negative integer, as a string"),
        }),
      )
      .min(1, "Give at least one offset"),
  }),
]);
export type ResetOffsetsRequest = z.infer<typeof ResetOffsetsRequest>;

export const EventsQuery = z.object({
  after: z.string().regex(/^\d+$/, "after must be an event id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
