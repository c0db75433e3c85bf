import { z } from "zod";
import { HeldPoint } from "../task";

const Offset = z.string().regex(/^\d+$/, "Offset must be a non-negative integer, as a string");

/** `GET /api/tasks/:id/held`: one page of the held messages. */
export const HeldQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type HeldQuery = z.infer<typeof HeldQuery>;

/** `POST /api/tasks/:id/held/skip`: the held message to commit past; applied only while it is still the one held. */
export const HeldSkipRequest = z.strictObject({
  topic: z.string().min(1, "Name the topic of the held message"),
  partition: z.int().min(0),
  offset: Offset,
});
export type HeldSkipRequest = z.infer<typeof HeldSkipRequest>;

/** Characters of a held message's value the API answers with (the rest is cut, and `valueTruncated` says so). */
export const MAX_HELD_VALUE_CHARS = 256 * 1024;

/** A held message as it is on the topic: text values as UTF-8, anything else base64. */
export const HeldWireMessage = z.object({
  topic: z.string(),
  partition: z.int(),
  offset: z.string(),
  timestamp: z.string().nullable(),
  key: z.string().nullable(),
  value: z.string().nullable(),
  valueEncoding: z.enum(["utf8", "base64"]),
  valueTruncated: z.boolean(),
  headers: z.record(z.string(), z.string()),
});
export type HeldWireMessage = z.infer<typeof HeldWireMessage>;

export const HeldItem = HeldPoint.extend({
  /** Where the partition resumes once this one message is skipped (discarded). */
  resumesAt: z.string(),
  /** The message itself (editors and admins; null for viewers, or when it could not be read: see `messageNote`). */
  message: HeldWireMessage.nullable(),
  messageNote: z.string().nullable(),
  /** The note's catalogue key when the console words it (`tasks.held.notes.<key>`); absent for Kafka's own words. */
  messageNoteKey: z.enum(["editorsOnly", "goneFromKafka", "connectionGone"]).optional(),
});
export type HeldItem = z.infer<typeof HeldItem>;

export const HeldPage = z.object({
  items: z.array(HeldItem),
  total: z.int(),
  offset: z.int(),
  limit: z.int(),
  nextOffset: z.int().nullable(),
});
export type HeldPage = z.infer<typeof HeldPage>;

export const HeldSkipAnswer = z.object({
  status: z.literal("queued"),
  topic: z.string(),
  partition: z.int(),
  offset: z.string(),
});
export type HeldSkipAnswer = z.infer<typeof HeldSkipAnswer>;
