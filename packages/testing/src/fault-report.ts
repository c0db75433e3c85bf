import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@elastic/elasticsearch";
import type { ApiClient } from "./api-client";
import { committedToEnd, firstOffsets, groupOffsets } from "./kafka";
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
  ledger: { balanced: boolean | null };
};

/** One partition's reconciliation: what Kafka committed against what the API counted. */
export type ReconciledPartition = {
  partition: number;
  /** Offsets the group committed from the partition's first offset: read from Kafka by the test, not from Outflow. */
  committedSpan: number;
  /** written + dead-lettered + discarded + filtered + dropped, from the API's counters. */
  settled: number;
  consumed: number;
  balanced: boolean;
  /** What the API's own ledger says of the partition. */
  apiLedger: boolean | null;
  committed: string;
  end: string;
};

/**
 * Per partition: the span of offsets the consumer group committed (from Kafka, read here) equals the messages the
 * API counts as settled (written + dead-lettered + discarded + filtered + dropped): a message counted twice or not
 * at all unbalances it. Counters reach Postgres within a second of their commit, so it is read again for up to
 * `settleMs` until it balances. Also: the group's committed offset equals the partition's end. Assumes the topic's
 * offsets have no gaps (no compaction, no transactions), as the fault scenarios' topics have none.
 */
export async function reconcile(api: ApiClient, taskId: string, groupId: string, topic: string, settleMs = 15_000) {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const r = await reconcileOnce(api, taskId, groupId, topic);
    if ((r.balanced && r.caughtUp) || Date.now() > deadline) {
      return r;
    }
    await new Promise((res) => setTimeout(res, 500));
  }
}

async function reconcileOnce(api: ApiClient, taskId: string, groupId: string, topic: string) {
  const task = await api.get<{ metrics: { partitions: PartitionMetrics[] } }>(`/api/tasks/${taskId}`);
  const offsets = await groupOffsets(groupId, topic);
  const firsts = await firstOffsets(topic);
  const rows: ReconciledPartition[] = offsets.map((o) => {
    const p = task.metrics.partitions.find((x) => x.topic === topic && x.partition === o.partition);
    const settled = p ? p.messagesWritten + p.deadLettered + p.discarded + p.filtered + p.dropped : 0;
    const committedSpan = o.committed === "-1" ? 0 : Number(BigInt(o.committed) - BigInt(firsts.get(o.partition) ?? "0"));
    return {
      partition: o.partition,
      committedSpan,
      settled,
      consumed: p?.messagesIn ?? 0,
      balanced: committedSpan === settled,
      apiLedger: p?.ledger.balanced ?? null,
      committed: o.committed,
      end: o.end,
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
