import "@outflow/connectors/kafkajs-fixes";
import { type Admin, type IHeaders, Kafka, logLevel } from "kafkajs";
import { SERVICES } from "./services";

export const testKafka = (retries?: number) =>
  new Kafka({
    clientId: "outflow-tests",
    brokers: SERVICES.kafkaBrokers,
    logLevel: logLevel.NOTHING,
    ...(retries === undefined ? {} : { retry: { retries } }),
  });

/** On the test Kafka, or on `kafka` (e.g. the secured broker's set-up listener); likewise produce, groupOffsets and readAll. */
export async function createTopic(topic: string, partitions: number, kafka: Kafka = testKafka()): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicWithLeaders(admin, topic, partitions);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates a topic and waits until every partition has a leader that serves it. kafkajs' own `waitForLeaders` gives up when a
 * KRaft broker briefly answers UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created (seen on CI), so the
 * wait is done here, tolerating that answer.
 */
export async function createTopicWithLeaders(admin: Admin, topic: string, partitions: number, timeoutMs = 30_000): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: false });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const parts = topics[0]?.partitions ?? [];
      if (parts.length === partitions && parts.every((p) => p.leader >= 0)) {
        // Metadata can name a leader before that broker serves the partition: ListOffsets answers only once it does.
        await admin.fetchTopicOffsets(topic);
        return;
      }
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`topic ${topic}: partitions have no leader after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type TestMessage = { key?: string | Buffer | null; value: string | Buffer | null; partition?: number; headers?: IHeaders; timestamp?: string };

/** Produces in batches of 1,000 (acks=-1). */
export async function produce(topic: string, messages: TestMessage[], kafka: Kafka = testKafka()): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 1000) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1000) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** A partition's committed offset (-1 where the group has none) and end offset. */
export type GroupOffset = { partition: number; committed: string; end: string };

/** Every partition is committed up to its end offset. */
export function committedToEnd(offsets: GroupOffset[]): boolean {
  return offsets.every((o) => o.committed === o.end);
}

/**
 * The group's offsets once every partition is committed to its end, or as they are after `timeoutMs`, for an
 * assertion to show. The API's lag reaches 0 a moment before a commit can be read back from the broker.
 */
export async function caughtUpGroupOffsets(groupId: string, topic: string, timeoutMs = 15_000): Promise<GroupOffset[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const offsets = await groupOffsets(groupId, topic);
    if (committedToEnd(offsets) || Date.now() > deadline) {
      return offsets;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Per partition: the group's committed offset and the partition's end offset. */
export async function groupOffsets(groupId: string, topic: string, kafka: Kafka = testKafka()): Promise<GroupOffset[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    return ends
      .map((e) => ({ partition: e.partition, end: e.high, committed: committed?.partitions.find((p) => p.partition === e.partition)?.offset ?? "-1" }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/** Each partition's first offset still in Kafka (0 for a topic nothing was deleted from). */
export async function firstOffsets(topic: string, kafka: Kafka = testKafka()): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.low]));
  } finally {
    await admin.disconnect();
  }
}

/** Reads every message of a topic from the beginning (for checking dead-letter topics); none when it does not exist. */
export async function readAll(
  topic: string,
  expected: number,
  timeoutMs = 30_000,
  kafka: Kafka = testKafka(),
): Promise<{ key: Buffer | null; value: Buffer | null; headers: IHeaders; partition: number; offset: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const exists = (await admin.listTopics()).includes(topic);
  await admin.disconnect();
  if (!exists) {
    return [];
  }
  const consumer = kafka.consumer({ groupId: `outflow-tests-read-${Date.now()}-${Math.random()}` });
  const out: { key: Buffer | null; value: Buffer | null; headers: IHeaders; partition: number; offset: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message, partition }) => {
        out.push({ key: message.key, value: message.value, headers: message.headers ?? {}, partition, offset: message.offset });
        if (out.length >= expected) {
          resolve();
        }
      },
    });
  });
  await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))]);
  await consumer.disconnect();
  return out;
}

/** A producer sending at a steady rate until stopped; `produced` counts the acknowledged messages. */
export type SteadyProducer = { readonly produced: number; stop: () => Promise<number> };

/**
 * Sends `perSecond` messages a second in ticks of 100 ms (acks=-1), round-robin over the partitions, each value
 * made by `value(i)`. A tick that falls behind sends what it owes, so the average rate holds on a loaded machine.
 */
export async function steadyProducer(topic: string, perSecond: number, value: (i: number) => string): Promise<SteadyProducer> {
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const startedAt = Date.now();
  let sent = 0;
  let produced = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const owed = Math.floor(((Date.now() - startedAt) / 1000) * perSecond) - sent;
      if (owed > 0) {
        const messages = Array.from({ length: owed }, (_, k) => ({ value: value(sent + k) }));
        sent += owed;
        await producer.send({ topic, acks: -1, messages });
        produced += owed;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    get produced() {
      return produced;
    },
    stop: async () => {
      stopped = true;
      await loop;
      await producer.disconnect();
      return produced;
    },
  };
}
