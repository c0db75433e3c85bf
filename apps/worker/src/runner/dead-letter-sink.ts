import { deadLetterHeaders, type FailedMessage } from "@outflow/pipeline";
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
    if (failed.length === 0) {
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
      messages: failed.map((f) => ({
        key: f.message.key ? Buffer.from(f.message.key) : null,
        value: f.message.value ? Buffer.from(f.message.value) : null,
        headers: { ...copyHeaders(f.message.headers), ...deadLetterHeaders(this.taskId, f) },
      })),
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => {});
    this.producer = null;
  }
}

function copyHeaders(h: FailedMessage["message"]["headers"]): Record<string, Buffer | string | (Buffer | string)[]> {
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
