import type { TaskStatus } from "./task";

/**
 * The durable per-partition figures (Postgres `task_partition_metrics`) in the Prometheus text format, shared by the
 * worker's `/metrics` and the console's `/api/metrics` so both expose the same names. The in-process metrics (bulk
 * latency, retries, fetch-ahead bytes, slots) are prom-client's; these are read per scrape and written here.
 */

/** One row of task_partition_metrics with its task; `columns` holds every numeric column by name. */
export type PartitionMetricRow = {
  taskId: string;
  taskName: string;
  topic: string;
  partition: number;
  columns: Record<string, number | undefined>;
  committedOffset: string | null;
  endOffset: string | null;
  updatedAt: Date;
  /** When the end offset and the group's committed offset were last read from Kafka; null: not yet. */
  offsetsReadAt: Date | null;
};

export type MetricType = "counter" | "gauge";
export type Sample = { labels: Record<string, string>; value: number };
export type MetricFamily = { name: string; help: string; type: MetricType; samples: Sample[] };

type ColumnFamily = { name: string; help: string; type: MetricType; column: string };

/**
 * Counters are the stored totals, so they only grow across worker restarts (they restart at 0 only when the task is
 * deleted and made again). A column missing from the row (an older schema) leaves its family out.
 */
export const PARTITION_COLUMN_FAMILIES: readonly ColumnFamily[] = [
  { name: "outflow_messages_in_total", type: "counter", column: "messagesIn", help: "Messages taken from Kafka and settled." },
  { name: "outflow_messages_in_bytes_total", type: "counter", column: "bytesIn", help: "Bytes of the messages taken in (key and value)." },
  { name: "outflow_messages_written_total", type: "counter", column: "messagesWritten", help: "Messages whose writes Elasticsearch acknowledged." },
  { name: "outflow_messages_filtered_total", type: "counter", column: "filtered", help: "Messages a filter rule dropped." },
  { name: "outflow_messages_dropped_total", type: "counter", column: "dropped", help: "Messages dropped by the non-JSON setting." },
  { name: "outflow_messages_discarded_total", type: "counter", column: "discarded", help: "Messages that failed and were discarded (failure policy)." },
  { name: "outflow_messages_dead_lettered_total", type: "counter", column: "deadLettered", help: "Messages sent to the dead-letter topic." },
  { name: "outflow_messages_retained", type: "gauge", column: "failed", help: "Messages the retain policy holds now (the task stopped at them)." },
  { name: "outflow_documents_written_total", type: "counter", column: "documentsWritten", help: "Document writes Elasticsearch acknowledged." },
  { name: "outflow_documents_created_total", type: "counter", column: "documentsCreated", help: "Documents created in the index." },
  { name: "outflow_documents_updated_total", type: "counter", column: "documentsUpdated", help: "Documents updated (overwritten or partially updated)." },
  { name: "outflow_documents_deleted_total", type: "counter", column: "documentsDeleted", help: "Documents deleted (CDC deletes)." },
];

export const TASK_STATUSES: readonly TaskStatus[] = ["created", "starting", "running", "retrying", "stopping", "stopped", "failed"];

function partitionLabels(r: PartitionMetricRow): Record<string, string> {
  return { task_id: r.taskId, task_name: r.taskName, topic: r.topic, partition: String(r.partition) };
}

/** The families of the given partition rows: counters, lag, offsets and when the row was last written. */
export function partitionFamilies(rows: readonly PartitionMetricRow[]): MetricFamily[] {
  const families: MetricFamily[] = [];
  for (const f of PARTITION_COLUMN_FAMILIES) {
    const samples = rows.flatMap((r) => {
      const v = r.columns[f.column];
      return v === undefined ? [] : [{ labels: partitionLabels(r), value: v }];
    });
    if (samples.length > 0 || rows.length === 0) {
      families.push({ name: f.name, help: f.help, type: f.type, samples });
    }
  }
  const offsetFamily = (name: string, help: string, value: (r: PartitionMetricRow) => number | null): MetricFamily => ({
    name,
    help,
    type: "gauge",
    samples: rows.flatMap((r) => {
      const v = value(r);
      return v === null ? [] : [{ labels: partitionLabels(r), value: v }];
    }),
  });
  families.push(
    offsetFamily("outflow_consumer_lag_messages", "Messages between the committed offset and the end of the partition (absent until the end is read).", lagOf),
    offsetFamily("outflow_committed_offset", "The consumer group's committed offset (the next message to read).", (r) => offsetNumber(r.committedOffset)),
    offsetFamily("outflow_end_offset", "The partition's end offset (high watermark) as last read.", (r) => offsetNumber(r.endOffset)),
    offsetFamily("outflow_partition_updated_timestamp_seconds", "When these figures were last written (Unix seconds).", (r) => r.updatedAt.getTime() / 1000),
    offsetFamily(
      "outflow_offsets_read_timestamp_seconds",
      "When the end offset and the group's committed offset were last read from Kafka (Unix seconds): the age of the lag.",
      (r) => (r.offsetsReadAt ? r.offsetsReadAt.getTime() / 1000 : null),
    ),
  );
  return families;
}

/** Lag as the task page shows it: end − committed (a missing commit counts as 0), never below 0; null without an end. */
export function lagOf(r: Pick<PartitionMetricRow, "committedOffset" | "endOffset">): number | null {
  const end = offsetNumber(r.endOffset);
  if (end === null) {
    return null;
  }
  return Math.max(0, end - (offsetNumber(r.committedOffset) ?? 0));
}

function offsetNumber(offset: string | null): number | null {
  if (offset === null) {
    return null;
  }
  const n = Number(offset);
  return Number.isFinite(n) ? n : null;
}

/** `outflow_task_status`: 1 for the status each task has now, 0 for the others (one series per task and status). */
export function taskStatusFamily(tasks: readonly { id: string; name: string; status: TaskStatus }[]): MetricFamily {
  return {
    name: "outflow_task_status",
    help: "The task's status: 1 for the current one, 0 for the others.",
    type: "gauge",
    samples: tasks.flatMap((t) => TASK_STATUSES.map((s) => ({ labels: { task_id: t.id, task_name: t.name, status: s }, value: t.status === s ? 1 : 0 }))),
  };
}

/** The Prometheus text exposition format (version 0.0.4) of the families, each with HELP and TYPE. */
export function formatFamilies(families: readonly MetricFamily[]): string {
  let out = "";
  for (const f of families) {
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    for (const s of f.samples) {
      out += `${f.name}${formatLabels(s.labels)} ${formatValue(s.value)}\n`;
    }
  }
  return out;
}

function formatLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) {
    return "NaN";
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? "+Inf" : "-Inf";
  }
  return String(v);
}
