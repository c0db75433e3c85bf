import { WireMessage } from "@outflow/schemas/api/preview";
import type { Issue } from "@outflow/schemas/errors";
import type { useTranslations } from "next-intl";
import type { SampleMessage } from "./preview-schemas";

/** The sample steer's texts (`preview.steer`): why a step stops, a header line it cannot read. */
export type SteerT = ReturnType<typeof useTranslations<"preview.steer">>;

/**
 * Where the preview's sample is read from: the task's own start position, a Kafka position (all partitions, or one),
 * or one partition from an offset.
 */
export type Steer = {
  position: "start" | "earliest" | "latest" | "timestamp" | "offset";
  /** With several topics, the topic `partition` is in. */
  topic?: string;
  partition?: number;
  offset?: string;
  timestamp?: number;
  limit: number;
};

export const DEFAULT_STEER: Steer = { position: "start", limit: 5 };

/** The task's start position, as a sample reads it. */
export type StartSample = { position: "earliest" } | { position: "latest" } | { position: "timestamp"; timestamp: number };

/** `GET /api/preview/sample`'s query for a steer (`start` reads as the task would start). */
export function sampleQuery(connectionId: string, topics: string[], start: StartSample, steer: Steer): URLSearchParams {
  const q = new URLSearchParams({ connectionId, topics: topics.join(","), limit: String(steer.limit) });
  const position = steer.position === "start" ? start : { position: steer.position, timestamp: steer.timestamp };
  q.set("position", position.position);
  if (position.position === "timestamp" && position.timestamp !== undefined) {
    q.set("timestamp", String(position.timestamp));
  }
  if (steer.partition !== undefined) {
    q.set("partition", String(steer.partition));
    q.set("topic", steer.topic ?? topics[0] ?? "");
  }
  if (steer.position === "offset" && steer.offset !== undefined) {
    q.set("offset", steer.offset);
  }
  return q;
}

/** Which message: the same topic, partition and offset (a sample read again holds it at another index). */
export const messageKey = (m: Pick<SampleMessage, "topic" | "partition" | "offset">) => `${m.topic}:${m.partition}:${m.offset}`;

export type Bounds = { topic: string; partition: number; low: string; high: string };

/** Where a step goes: another message of this sample, or a new sample of the message's partition, at `target`. */
export type Step = { kind: "select"; index: number } | { kind: "read"; steer: Steer; target: string } | { kind: "none"; why: string };

/**
 * The next (`+1`) or previous (`-1`) message: within the sample while it has one, then in the selected message's
 * partition, read again from there (the sample's other partitions are left behind: a step follows one partition).
 */
export function stepFrom(samples: SampleMessage[], index: number, dir: 1 | -1, bounds: Bounds[], limit: number, t: SteerT): Step {
  const at = samples[index];
  if (!at) {
    return { kind: "none", why: t("noSelection") };
  }
  const inSample = index + dir;
  if (inSample >= 0 && inSample < samples.length) {
    return { kind: "select", index: inSample };
  }
  const b = bounds.find((x) => x.topic === at.topic && x.partition === at.partition);
  const offset = BigInt(at.offset) + BigInt(dir);
  if (!b || offset < BigInt(b.low)) {
    return { kind: "none", why: t("first", { topic: at.topic, partition: at.partition }) };
  }
  if (offset >= BigInt(b.high)) {
    return { kind: "none", why: t("last", { topic: at.topic, partition: at.partition }) };
  }
  const from = dir === 1 ? offset : offset - BigInt(limit - 1) > BigInt(b.low) ? offset - BigInt(limit - 1) : BigInt(b.low);
  const target = messageKey({ topic: at.topic, partition: at.partition, offset: offset.toString() });
  return { kind: "read", steer: { position: "offset", topic: at.topic, partition: at.partition, offset: from.toString(), limit }, target };
}

/** The indices of the messages whose key, value or headers hold `text` (any case); every index for no text. */
export function searchSamples(samples: SampleMessage[], text: string): number[] {
  const needle = text.trim().toLowerCase();
  const all = samples.map((_, i) => i);
  if (needle === "") {
    return all;
  }
  return all.filter((i) => {
    const m = samples[i] as SampleMessage;
    const hay = [m.key ?? "", m.valueEncoding === "utf8" ? (m.value ?? "") : "", ...Object.entries(m.headers).flat()];
    return hay.some((s) => s.toLowerCase().includes(needle));
  });
}

/** A message typed by the user: its value, and optionally a key and `name: value` header lines. */
export type PastedForm = { value: string; key: string; headers: string; tombstone?: boolean };

export const PASTED_TOPIC = "pasted";

/** The typed message as a preview message (the API's own schema), or the problems, naming the form's field. */
export function pastedMessage(form: PastedForm, t: SteerT, now = Date.now()): { ok: true; message: SampleMessage } | { ok: false; issues: Issue[] } {
  const headers: Record<string, string> = {};
  const issues: Issue[] = [];
  form.headers.split("\n").forEach((line, i) => {
    if (line.trim() === "") {
      return;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) {
      issues.push({ field: "headers", message: t("headerLine", { line: i + 1 }) });
      return;
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  const parsed = WireMessage.safeParse({
    topic: PASTED_TOPIC,
    partition: 0,
    offset: "0",
    timestamp: String(now),
    key: form.key === "" ? null : form.key,
    value: form.tombstone ? null : form.value,
    valueEncoding: "utf8",
    headers,
  });
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "value"), message: i.message })));
  }
  return parsed.success && issues.length === 0 ? { ok: true, message: parsed.data } : { ok: false, issues };
}
