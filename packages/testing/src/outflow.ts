import type { Counters, TaskMetrics } from "@outflow/schemas/task";
import type { ApiClient } from "./api-client";
import { SERVICES, uniqueName, waitFor } from "./services";

/** Counters of a task or partition, as `GET /api/tasks/:id` reports them. */
export type Totals = Counters;

export type PartitionView = TaskMetrics["partitions"][number];

export type FailurePointView = { topic: string; partition: number; offset: string; stage: string; reason: string };

export type TaskView = {
  id: string;
  name: string;
  status: string;
  desiredState: string;
  statusReason: string | null;
  failurePoint: FailurePointView | null;
  config: Record<string, unknown>;
  configVersion: number;
  consumerGroup: string;
  pendingOffsetReset: unknown;
  metrics: TaskMetrics;
};

export type TaskEventView = { id: string; taskId: string; at: string; level: string; kind: string; message: string; details: Record<string, unknown> | null };

/** The parts of a task config a test usually sets; connections are filled in by {@link Outflow.config}. */
export type TaskConfigParts = {
  topics: string[];
  index: string;
  source?: Record<string, unknown>;
  parse?: Record<string, unknown>;
  rules?: Record<string, unknown>[];
  sink?: Record<string, unknown>;
  failure?: Record<string, unknown>;
  delivery?: Record<string, unknown>;
};

/** messagesIn = messagesWritten + filtered + dropped + discarded + deadLettered (README's invariant). */
export function settledSum(t: Totals): number {
  return t.messagesWritten + t.filtered + t.dropped + t.discarded + t.deadLettered;
}

/**
 * Drives tasks through the HTTP API alone, with one Kafka and one Elasticsearch connection (to the real
 * services) created once per test file.
 */
export class Outflow {
  private constructor(
    readonly api: ApiClient,
    readonly kafkaId: string,
    readonly esId: string,
  ) {}

  static async connect(api: ApiClient): Promise<Outflow> {
    const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
    const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
    return new Outflow(api, kafka.id, es.id);
  }

  /** A full task config (as JSON for the API) from its parts. */
  config(p: TaskConfigParts): Record<string, unknown> {
    return {
      source: { connectionId: this.kafkaId, topics: p.topics, ...p.source },
      ...(p.parse ? { parse: p.parse } : {}),
      ...(p.rules ? { rules: p.rules } : {}),
      sink: { connectionId: this.esId, index: p.index, ...p.sink },
      ...(p.failure ? { failure: p.failure } : {}),
      ...(p.delivery ? { delivery: p.delivery } : {}),
    };
  }

  createTask(config: Record<string, unknown>, name = uniqueName("task")): Promise<TaskView> {
    return this.api.post<TaskView>("/api/tasks", { name, config });
  }

  /** Creates the task from its parts and starts it. */
  async run(p: TaskConfigParts): Promise<TaskView> {
    const task = await this.createTask(this.config(p));
    await this.start(task.id);
    return task;
  }

  start(id: string): Promise<TaskView> {
    return this.api.post<TaskView>(`/api/tasks/${id}/start`);
  }

  task(id: string): Promise<TaskView> {
    return this.api.get<TaskView>(`/api/tasks/${id}`);
  }

  async waitForStatus(id: string, status: string, timeoutMs = 60_000): Promise<TaskView> {
    let last = "";
    return waitFor(
      `task status ${status}`,
      async () => {
        const t = await this.task(id);
        last = t.status;
        return t.status === status ? t : null;
      },
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(`${err.message} (last status: ${last})`);
    });
  }

  /**
   * Waits until the task's totals satisfy `done` (metrics are flushed about once a second). A task that fails
   * meanwhile ends the wait at once with its status reason, unless `allowFailed`.
   */
  async waitForTotals(id: string, what: string, done: (t: Totals, task: TaskView) => boolean, timeoutMs = 60_000, allowFailed = false): Promise<TaskView> {
    let last: TaskView | null = null;
    const task = await waitFor(
      what,
      async () => {
        const t = await this.task(id);
        last = t;
        return done(t.metrics.totals, t) || (t.status === "failed" && !allowFailed) ? t : null;
      },
      timeoutMs,
    ).catch((err: Error) => {
      const t = last as TaskView | null;
      const parts = t?.metrics.partitions.map((p) => `${p.topic}[${p.partition}] committed ${p.committedOffset} end ${p.endOffset} lag ${p.lag}`);
      throw new Error(
        `${err.message}; last status ${t?.status} (${t?.statusReason}), totals ${JSON.stringify(t?.metrics.totals)}, lag ${t?.metrics.lag}: ${parts?.join(", ")}`,
      );
    });
    if (!done(task.metrics.totals, task)) {
      throw new Error(`task failed while waiting for ${what}: ${task.statusReason}; totals ${JSON.stringify(task.metrics.totals)}`);
    }
    return task;
  }

  /** Waits until `n` messages were taken in and settled (written, filtered, dropped, discarded or dead-lettered). */
  waitForMessagesIn(id: string, n: number, timeoutMs = 60_000): Promise<TaskView> {
    return this.waitForTotals(id, `${n} messages in`, (t) => t.messagesIn >= n, timeoutMs);
  }

  /** Waits until the task reports no lag on any partition (offsets are reported every few seconds). */
  waitForNoLag(id: string, timeoutMs = 60_000): Promise<TaskView> {
    return this.waitForTotals(id, "lag 0", (_t, task) => task.metrics.lag === 0 && task.metrics.partitions.every((p) => p.lag === 0), timeoutMs);
  }

  /** Requests a stop and waits for status `stopped`. */
  async stop(id: string): Promise<TaskView> {
    await this.api.post(`/api/tasks/${id}/stop`);
    return this.waitForStatus(id, "stopped");
  }

  /** The task's newest 500 events, oldest first. */
  async events(id: string): Promise<TaskEventView[]> {
    return (await this.api.get<{ items: TaskEventView[] }>(`/api/tasks/${id}/events?limit=500`)).items;
  }

  /** Waits for an event of this kind and returns it. */
  waitForEvent(id: string, kind: string, timeoutMs = 30_000): Promise<TaskEventView> {
    return waitFor(`a ${kind} event`, async () => (await this.events(id)).find((e) => e.kind === kind), timeoutMs);
  }
}
