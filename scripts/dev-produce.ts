// Dev helper: produce N JSON messages to a topic. usage: node scripts/dev-produce.ts <topic> <count> [partitions]
import { Kafka } from "kafkajs";

const [topic = "demo", countArg = "100", partsArg = "3"] = process.argv.slice(2);
const count = Number(countArg);
const kafka = new Kafka({ clientId: "dev-produce", brokers: [process.env.KAFKA_BROKERS ?? "127.0.0.1:9092"], logLevel: 1 });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: Number(partsArg) }] }).catch(() => false);
await admin.disconnect();
const producer = kafka.producer();
await producer.connect();
for (let i = 0; i < count; i += 1000) {
  const messages = Array.from({ length: Math.min(1000, count - i) }, (_, j) => {
    const n = i + j;
    return {
      key: `k${n}`,
      value: JSON.stringify({
        id: n,
        app: `app${n % 3}`,
        level: n % 10 === 0 ? "ERROR" : "INFO",
        msg: `message ${n}`,
        at: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      }),
    };
  });
  await producer.send({ topic, messages });
}
await producer.disconnect();
console.log(`produced ${count} to ${topic}`);
