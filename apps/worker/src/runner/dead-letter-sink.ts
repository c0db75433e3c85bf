import { deadLetterHeaders, type FailedMessage, type KafkaMessage } from "@outflow/pipeline";
import type { Kafka, Producer } from "kafkajs";

/**
 * Produces failed messages, byte for byte, to the dead-letter topic: original key, value and headers, plus
 * `outflow.*` headers with the source coordinates, stage and reason. acks=-1, idempotent producer.
 */
export class DeadLetterSink {
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly taskId: string,
  ) {}

  async send(failed: FailedMessage[]): Promise<void> {
    await this.produce(failed.map((f) => ({ original: f.message, headers: deadLetterHeaders(this.taskId, f) })));
  }

  /** Originals, byte for byte, each with its `outflow.*` headers over the original's (a replay's letters failing again). */
  async produce(records: { original: Pick<KafkaMessage, "key" | "value" | "headers">; headers: Record<string, string> }[]): Promise<void> {
    if (records.length === 0) {
      return;
    }
    if (!this.producer) {
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      await p.connect();
      this.producer = p;
    }
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: records.map(({ original, headers }) => ({
        key: original.key ? Buffer.from(original.key) : null,
        value: original.value ? Buffer.from(original.value) : null,
        headers: { ...copyHeaders(original.headers), ...headers },
      })),
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => {});
    this.producer = null;
  }
}

function copyHeaders(h: KafkaMessage["headers"]): Record<string, Buffer | string | (Buffer | string)[]> {
  const out: Record<string, Buffer | string | (Buffer | string)[]> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    if (v === undefined) {
      continue;
    }
    out[k] = Array.isArray(v) ? v.map(toWire) : toWire(v);
  }
  return out;
}

function toWire(v: Uint8Array | string): Buffer | string {
  return typeof v === "string" ? v : Buffer.from(v);
}
