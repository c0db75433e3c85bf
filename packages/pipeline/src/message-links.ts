import type { Rule } from "@outflow/schemas/rules";
import type { TaskConfig } from "@outflow/schemas/task-config";
import { compilePath } from "./field-path";

/**
 * Which Kafka message a written document came from, as far as the task's config says:
 * - `document_id`: IDs are `kafka_coordinates` (`<topic>-<partition>-<offset>`, `-<n>` per element of a JSON array);
 * - `metadata`: `metadata` rules wrote the partition and offset (and the topic, unless the task reads one topic) into
 *   fields that no later rule renames away, drops or overwrites (a rename is followed to its new name);
 * - `none`, with the reason (auto, key or field IDs without such rules; aggregation groups come from many messages),
 *   in English and as a key with its parameters for the console's catalogues.
 * Field names are the server's: the rule's path joined by dots (or by the flatten separator).
 */
export type MessageLink =
  | { via: "document_id"; arrays: boolean }
  | { via: "metadata"; topicField: string | null; partitionField: string; offsetField: string; rules: number[] }
  | { via: "none"; reason: string; reasonKey: NoLinkReason; params?: { idType: string } };

export type NoLinkReason = "aggregation" | "idsDoNotName" | "cdcKeysDoNotName" | "severalTopics";

export type Coordinates = { topic: string; partition: number; offset: string };

type Config = Pick<TaskConfig, "source" | "parse" | "rules" | "sink">;

export function messageLink(config: Config): MessageLink {
  const sink = config.sink;
  if (sink.aggregation) {
    return { via: "none", reason: "an aggregation's documents are groups of many messages", reasonKey: "aggregation" };
  }
  if (!sink.cdc && sink.documentId.type === "kafka_coordinates") {
    const format = typeof config.parse.format === "string" ? config.parse.format : config.parse.format.type;
    return { via: "document_id", arrays: format === "json_array" };
  }
  const fields = metadataFields(config.rules);
  const sep = config.parse.flatten?.separator ?? ".";
  const name = (segments: string[] | undefined) => (segments ? segments.join(sep) : undefined);
  const partitionField = name(fields.partition?.segments);
  const offsetField = name(fields.offset?.segments);
  const topicField = name(fields.topic?.segments) ?? null;
  if (!partitionField || !offsetField) {
    const idType = sink.documentId.type;
    const idKind = sink.cdc ? "CDC primary keys" : `${idType} IDs`;
    return {
      via: "none",
      reason: `${idKind} do not name the message; a metadata rule writing the partition and the offset into the document would`,
      ...(sink.cdc ? { reasonKey: "cdcKeysDoNotName" as const } : { reasonKey: "idsDoNotName" as const, params: { idType } }),
    };
  }
  if (!topicField && config.source.topics.length > 1) {
    return { via: "none", reason: "the task reads several topics and no metadata rule writes the topic into the document", reasonKey: "severalTopics" };
  }
  const rules = [fields.topic?.rule, fields.partition?.rule, fields.offset?.rule].filter((r): r is number => r !== undefined);
  return { via: "metadata", topicField, partitionField, offsetField, rules: [...new Set(rules)].sort((a, b) => a - b) };
}

type Tracked = { segments: string[]; rule: number };

/** The fields the last surviving `metadata` rule of each source wrote, after every later rule. */
function metadataFields(rules: Rule[]): Partial<Record<"topic" | "partition" | "offset", Tracked>> {
  const out: Partial<Record<"topic" | "partition" | "offset", Tracked>> = {};
  rules.forEach((rule, i) => {
    for (const key of Object.keys(out) as (keyof typeof out)[]) {
      const t = out[key];
      if (t) {
        const next = afterRule(rule, t.segments);
        if (next) {
          t.segments = next;
        } else {
          delete out[key];
        }
      }
    }
    if (rule.type === "metadata" && (rule.source === "topic" || rule.source === "partition" || rule.source === "offset")) {
      const segments = plainSegments(rule.field);
      if (segments) {
        out[rule.source] = { segments, rule: i };
      } else {
        delete out[rule.source];
      }
    }
  });
  return out;
}

/** A path of names only (no array index): a field name on the server. */
function plainSegments(path: string): string[] | null {
  const p = compilePath(path);
  if (!p.ok || p.path.segments.some((s) => typeof s === "number")) {
    return null;
  }
  return p.path.segments as string[];
}

/** Does writing `w` change what is at `t` (the same field, a parent replaced, or a child written into it)? */
function overlaps(w: string[] | null, t: string[]): boolean {
  if (w === null) {
    return true;
  }
  const n = Math.min(w.length, t.length);
  return w.slice(0, n).every((s, i) => s === t[i]);
}

/** Where the tracked field is after `rule`, or null when the rule may have moved, dropped or changed its value. */
function afterRule(rule: Rule, t: string[]): string[] | null {
  const target = (to: string | undefined, field: string) => plainSegments(to ?? field);
  switch (rule.type) {
    case "filter":
    case "default":
    case "drop_empty":
      return t;
    case "cast": {
      // The field cast in place keeps its number as another type (a cast to boolean does not).
      const w = plainSegments(rule.to ?? rule.field);
      if (!overlaps(w, t)) {
        return t;
      }
      return !rule.to && w?.length === t.length && rule.as !== "boolean" ? t : null;
    }
    case "keys_case": {
      const within = rule.field ? plainSegments(rule.field) : [];
      if (within === null || !t.slice(0, within.length).every((s, i) => s === within[i])) {
        return within === null ? null : t;
      }
      const cased = t.map((s) => (rule.case === "lower" ? s.toLowerCase() : s.toUpperCase()));
      return cased.every((s, i) => s === t[i]) ? t : null;
    }
    case "rename": {
      const from = plainSegments(rule.from);
      const to = plainSegments(rule.to);
      if (from && from.length <= t.length && from.every((s, i) => s === t[i])) {
        return to ? [...to, ...t.slice(from.length)] : null;
      }
      return overlaps(from, t) || overlaps(to, t) ? null : t;
    }
    case "drop":
      return rule.fields.some((f) => overlaps(plainSegments(f), t)) ? null : t;
    case "add":
    case "metadata":
    case "timestamp":
      return overlaps(plainSegments(rule.field), t) ? null : t;
    case "copy":
    case "merge":
      return overlaps(plainSegments(rule.to), t) ? null : t;
    case "hash":
      return overlaps(plainSegments(rule.to ?? rule.fields[0] ?? "$"), t) ? null : t;
    case "parse":
      // Without `to` the parsed fields are merged into the record: any of them could be the tracked one.
      return rule.to ? (overlaps(plainSegments(rule.to), t) ? null : t) : null;
    default:
      return overlaps(target(rule.to, rule.field), t) ? null : t;
  }
}

/** The message a document came from: from its ID or its fields (the document's own values, not checked). */
export function coordinatesOfDocument(link: MessageLink, topics: string[], id: string, source: unknown): Coordinates | null {
  if (link.via === "document_id") {
    const shape = link.arrays ? /^(\d+)-(\d+)(?:-\d+)?$/ : /^(\d+)-(\d+)$/;
    // Longest names first: with topics `a` and `a-1`, `a-1-0-5` is offset 5 of a-1's partition 0.
    for (const topic of [...topics].sort((a, b) => b.length - a.length)) {
      const m = id.startsWith(`${topic}-`) ? shape.exec(id.slice(topic.length + 1)) : null;
      if (m?.[1] && m[2]) {
        return { topic, partition: Number(m[1]), offset: m[2] };
      }
    }
    return null;
  }
  if (link.via !== "metadata") {
    return null;
  }
  const topic = link.topicField ? fieldValue(source, link.topicField) : topics[0];
  const partition = fieldValue(source, link.partitionField);
  const offset = fieldValue(source, link.offsetField);
  const p = typeof partition === "number" || typeof partition === "string" ? String(partition) : "";
  const o = typeof offset === "number" || typeof offset === "string" ? String(offset) : "";
  if (typeof topic !== "string" || !topics.includes(topic) || !/^\d{1,9}$/.test(p) || !/^\d{1,19}$/.test(o)) {
    return null;
  }
  return { topic, partition: Number(p), offset: o };
}

/** A field of a source by its server name: nested objects, a dotted key, or a mix of the two. */
export function fieldValue(source: unknown, name: string): unknown {
  if (source === null || typeof source !== "object" || Array.isArray(source)) {
    return undefined;
  }
  const record = source as Record<string, unknown>;
  if (Object.hasOwn(record, name)) {
    return record[name];
  }
  const parts = name.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    const head = parts.slice(0, i).join(".");
    if (Object.hasOwn(record, head)) {
      const v = fieldValue(record[head], parts.slice(i).join("."));
      if (v !== undefined) {
        return v;
      }
    }
  }
  return undefined;
}

/** The IDs a message's documents have, when the IDs are its coordinates (at most 100 elements of a JSON array). */
export function documentIdsOfMessage(link: MessageLink, c: Coordinates): string[] {
  if (link.via !== "document_id") {
    return [];
  }
  const base = `${c.topic}-${c.partition}-${c.offset}`;
  return link.arrays ? [base, ...Array.from({ length: 100 }, (_, n) => `${base}-${n}`)] : [base];
}
