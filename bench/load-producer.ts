import { SERVICES } from "@outflow/testing/services";
import { Producer, stringSerializers } from "@platformatic/kafka";

/**
 * The latency levels' open-loop load generator. It shares the two cores with what it measures, so it uses the
 * cheapest Kafka producer we measured: @platformatic/kafka spent 22 µs of CPU per ~1.1 KB message at 7,639 msgs/s,
 * kafkajs 63–78 µs (its record-batch CRC32C runs in JavaScript and its encoders copy each record several times).
 * Only the load generator uses it; the product and every other stage use kafkajs.
 */
export class LoadProducer {
  private readonly producer = new Producer({
    clientId: "outflow-bench-load",
    bootstrapBrokers: SERVICES.kafkaBrokers,
    serializers: stringSerializers,
    acks: -1,
    autocreateTopics: false,
  });

  /** Sends the messages in one request; resolves with each partition's base offset. */
  async send(topic: string, messages: { partition: number; value: string }[]): Promise<Map<number, bigint>> {
    const { offsets } = await this.producer.send({ messages: messages.map((m) => ({ topic, partition: m.partition, value: m.value })) });
    return new Map((offsets ?? []).map((o) => [o.partition, BigInt(o.offset)]));
  }

  async close(): Promise<void> {
    await this.producer.close();
  }
}
