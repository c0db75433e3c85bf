import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Consumer } from "@platformatic/kafka";
import { OffsetWatch, WORKER_CHUNK, WORKER_CONSUMER } from "./kafka";
import { consumeAll } from "./stages/source";
import { median } from "./stats";

/**
 * Two Kafka consumers on the same workload, side by side: kafkajs (the worker's client, with the worker's settings,
 * as stage K runs it) and @platformatic/kafka (a maintained client) with the same fetch sizes, session and commit
 * cadence (one commit per 2,000 records per partition). Each round consumes the whole topic once with each client, in
 * a process of its own, from the group join to the last commit; a client's CPU is its process's (all threads: GC
 * helpers included), so figures hold on a busy machine better than the wall-clock rate beside them.
 *
 *   npx tsx bench/consumer-clients.ts [--topic bench-m-g1-s42-n200000-p4] [--rounds 3]
 *
 * The topic must exist (npm run bench produces its topics; any topic will do). Prints CPU-s per million records and
 * records/s for each client and round, and their medians.
 */
const CLIENTS = ["kafkajs", "platformatic"] as const;
type ClientName = (typeof CLIENTS)[number];
type Round = { client: ClientName; records: number; seconds: number; cpuSeconds: number };

const { values } = parseArgs({
  options: {
    topic: { type: "string", default: "bench-m-g1-s42-n200000-p4" },
    rounds: { type: "string", default: "3" },
    child: { type: "string" },
  },
});

/** Consumes `topic` to its end offsets with @platformatic/kafka, as the worker's settings would ask of it. */
async function consumePlatformatic(topic: string, watch: OffsetWatch, edge: () => void): Promise<{ ms: number; groupId: string }> {
  const groupId = uniqueName("bench-pk");
  const s = WORKER_CONSUMER.consumer;
  const consumer = new Consumer({
    clientId: groupId,
    groupId,
    bootstrapBrokers: SERVICES.kafkaBrokers,
    sessionTimeout: s.sessionTimeout,
    rebalanceTimeout: s.rebalanceTimeout,
    heartbeatInterval: s.heartbeatInterval,
    maxBytesPerPartition: s.maxBytesPerPartition,
    maxBytes: s.maxBytes,
    autocommit: false,
  });
  let joinedAt = 0;
  consumer.on("consumer:group:join", () => {
    if (!joinedAt) {
      edge();
      joinedAt = performance.now();
    }
  });
  const stream = await consumer.consume({ topics: [topic], mode: "earliest" });
  const sinceCommit = new Map<number, number>();
  const committed = new Map<number, bigint>();
  let bytes = 0;
  const done = () => [...watch.ends].every(([p, end]) => end === 0n || committed.get(p) === end);
  for await (const m of stream) {
    bytes += m.value?.length ?? 0;
    const n = (sinceCommit.get(m.partition) ?? 0) + 1;
    const next = m.offset + 1n;
    if (n >= WORKER_CHUNK || next === watch.ends.get(m.partition)) {
      await consumer.commit({ offsets: [{ topic, partition: m.partition, offset: next, leaderEpoch: m.leaderEpoch }] });
      committed.set(m.partition, next);
      sinceCommit.set(m.partition, 0);
      if (done()) {
        break;
      }
    } else {
      sinceCommit.set(m.partition, n);
    }
  }
  const ms = performance.now() - joinedAt;
  edge();
  if (bytes === 0) {
    throw new Error("no record values read");
  }
  await stream.close().catch(() => {}); // `break` above may have closed it already
  await consumer.close(true);
  return { ms, groupId };
}

/** One client, once over the topic, in this process: prints its figures as a JSON line. */
async function child(client: ClientName, topic: string): Promise<void> {
  const watch = new OffsetWatch(topic);
  await watch.open();
  let cpu0: NodeJS.CpuUsage | null = null;
  let cpu: NodeJS.CpuUsage | null = null;
  const edge = () => {
    if (cpu0 === null) {
      cpu0 = process.cpuUsage();
    } else {
      cpu = process.cpuUsage(cpu0);
    }
  };
  try {
    const r = client === "kafkajs" ? await consumeAll(topic, watch, WORKER_CONSUMER, edge) : await consumePlatformatic(topic, watch, edge);
    await watch.deleteGroups([r.groupId]);
    const used = cpu as NodeJS.CpuUsage | null;
    if (!used) {
      throw new Error("the consumer never joined its group");
    }
    const round: Round = { client, records: Number(watch.endTotal), seconds: r.ms / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
    console.log(JSON.stringify(round));
  } finally {
    await watch.close();
  }
}

function parent(topic: string, rounds: number): void {
  const results: Round[] = [];
  for (let i = 1; i <= rounds; i++) {
    for (const client of CLIENTS) {
      const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string, "--child", client, "--topic", topic], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      const line = r.stdout.trim().split("\n").pop() ?? "";
      if (r.status !== 0 || !line.startsWith("{")) {
        throw new Error(`${client} round ${i} failed (exit ${r.status}): ${r.stdout.slice(-500)}`);
      }
      const round = JSON.parse(line) as Round;
      results.push(round);
      console.log(
        `round ${i} ${client.padEnd(12)} ${round.records.toLocaleString("en")} records in ${round.seconds.toFixed(1)} s: ` +
          `${Math.round(round.records / round.seconds).toLocaleString("en")} records/s, ${((round.cpuSeconds / round.records) * 1e6).toFixed(1)} CPU-s per million`,
      );
    }
  }
  console.log(`\nmedians over ${rounds} rounds (${topic}; load average ${process.platform === "linux" ? loadAverage() : "?"}):`);
  for (const client of CLIENTS) {
    const mine = results.filter((r) => r.client === client);
    const cpu = median(mine.map((r) => (r.cpuSeconds / r.records) * 1e6));
    const rate = median(mine.map((r) => r.records / r.seconds));
    console.log(`  ${client.padEnd(12)} ${cpu.toFixed(1)} CPU-s per million records, ${Math.round(rate).toLocaleString("en")} records/s`);
  }
}

function loadAverage(): string {
  return spawnSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).stdout.split(" ").slice(0, 3).join(" ");
}

if (values.child) {
  if (!CLIENTS.includes(values.child as ClientName)) {
    throw new Error(`--child: one of ${CLIENTS.join(", ")}`);
  }
  child(values.child as ClientName, values.topic).then(
    () => process.exit(0),
    (err: Error) => {
      console.error(err.stack ?? err);
      process.exit(1);
    },
  );
} else {
  parent(values.topic, Number(values.rounds));
}
