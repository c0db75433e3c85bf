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

const INT64_MAX = 9223372036854775807n;
/** A non-negative decimal that fits in a signed 64-bit integer (what Postgres and Kafka store). */
const INT64_FIELDS = {
  offset: { what: "Offset", tooLarge: "schema.tasks.offsetTooLarge" },
  after: { what: "after (an event id)", tooLarge: "schema.tasks.afterTooLarge" },
  before: { what: "before (an event id)", tooLarge: "schema.tasks.beforeTooLarge" },
} as const;
const Int64String = (name: keyof typeof INT64_FIELDS) => {
  const { what, tooLarge } = INT64_FIELDS[name];
  return (
    z
      .string()
      .regex(/^\d+$/, `${what} must be a non-negative integer, as a string`)
      // zod runs refinements after a failed regex too: only digits reach BigInt.
      .refine((s) => !/^\d+$/.test(s) || BigInt(s) <= INT64_MAX, {
        message: `${what} is larger than the largest 64-bit integer`,
        params: { messageKey: tooLarge },
      })
  );
};

/** More offsets than any task has partitions (5 topics); keeps a stored task small. */
export const MAX_RESET_OFFSETS = 1000;

/**
 * A saved config's size as JSON (bytes): every version is kept, and the task, its list row and its versions are read
 * often, so a config stays far below the request body limit. Larger ones are refused with 413 naming `config`.
 */
export const MAX_CONFIG_BYTES = 256 * 1024;

export const ResetOffsetsRequest = z.discriminatedUnion("type", [
  StartPosition,
  z.strictObject({
    type: z.literal("offsets"),
    offsets: z
      .array(
        z.strictObject({
          topic: TopicName,
          partition: z.int().min(0),
          offset: Int64String("offset"),
        }),
      )
      .min(1, "Give at least one offset")
      .max(MAX_RESET_OFFSETS, `At most ${MAX_RESET_OFFSETS} offsets`),
  }),
]);
export type ResetOffsetsRequest = z.infer<typeof ResetOffsetsRequest>;

/** `after`: what is new since that event (oldest first; the console polls so); `before`: the page before it (older). */
export const EventsQuery = z
  .object({
    after: Int64String("after").optional(),
    before: Int64String("before").optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !(q.after && q.before), {
    path: ["before"],
    message: "Give after or before, not both",
    params: { messageKey: "schema.tasks.afterOrBefore" },
  });
