import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@elastic/elasticsearch";
import type { ApiClient } from "./api-client";
import { committedToEnd, groupOffsets } from "./kafka";
import { ROOT } from "./stack";

/** Every document's `_version` (1 = written once; each overwrite adds 1). */
export async function docVersions(es: Client, index: string): Promise<Map<string, number>> {
  await es.indices.refresh({ index, ignore_unavailable: true });
  const out = new Map<string, number>();
  let page = await es.search({ index, scroll: "2m", size: 10_000, version: true, _source: false, query: { match_all: {} }, ignore_unavailable: true });
  while (page.hits.hits.length > 0) {
    for (const h of page.hits.hits) {
      out.set(h._id as string, h._version ?? 1);
    }
    if (!page._scroll_id) {
      break;
    }
    page = await es.scroll({ scroll_id: page._scroll_id, scroll: "2m" });
  }
  return out;
}

/** Expected IDs missing from Elasticsearch, and how many writes were repeats. */
export async function lossAndDuplicates(
  es: Client,
  index: string,
  expectedIds: Iterable<string>,
): Promise<{ expected: number; found: number; lost: number; rewrites: number; missingSample: string[] }> {
  const versions = await docVersions(es, index);
  let expected = 0;
  const missing: string[] = [];
  for (const id of expectedIds) {
    expected++;
    if (!versions.has(id)) {
      missing.push(id);
    }
  }
  let rewrites = 0;
  for (const v of versions.values()) {
    rewrites += v - 1;
  }
  return { expected, found: versions.size, lost: missing.length, rewrites, missingSample: missing.slice(0, 5) };
}

type PartitionMetrics = {
  topic: string;
  partition: number;
  messagesIn: number;
  messagesWritten: number;
  filtered: number;
  dropped: number;
  discarded: number;
  deadLettered: number;
};

/**
 * Per partition: messages consumed = written + dead-lettered + discarded + filtered + dropped (the API's counters),
 * and the group's committed offset equals the partition's end.
 */
export async function reconcile(api: ApiClient, taskId: string, groupId: string, topic: string) {
  const task = await api.get<{ metrics: { partitions: PartitionMetrics[] } }>(`/api/tasks/${taskId}`);
  const offsets = await groupOffsets(groupId, topic);
  const rows = task.metrics.partitions
    .filter((p) => p.topic === topic)
    .map((p) => {
      const settled = p.messagesWritten + p.deadLettered + p.discarded + p.filtered + p.dropped;
      const o = offsets.find((x) => x.partition === p.partition);
      return {
        partition: p.partition,
        consumed: p.messagesIn,
        settled,
        balanced: p.messagesIn === settled,
        committed: o?.committed ?? "?",
        end: o?.end ?? "?",
      };
    });
  return { rows, balanced: rows.every((r) => r.balanced), caughtUp: committedToEnd(offsets) };
}

/** Prints a scenario's figures and appends them to .outflow/fault-results.jsonl (RELIABILITY.md is written from it). */
export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  const line = { scenario, at: new Date().toISOString(), profile: process.env.FAULTS_PROFILE ?? "full", ...figures };
  console.log(
    `\n[fault] ${scenario}\n${Object.entries(figures)
      .map(([k, v]) => `  ${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`)
      .join("\n")}`,
  );
  mkdirSync(join(ROOT, ".outflow"), { recursive: true });
  appendFileSync(join(ROOT, ".outflow/fault-results.jsonl"), `${JSON.stringify(line)}\n`);
}

/** Full or short (the subset `npm test` runs): scenario sizes scale with it. */
export const FAULTS_SHORT = process.env.FAULTS_PROFILE === "short";
