import { compileTask, processMessage } from "@outflow/pipeline";
import { testKafka } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { BenchContext, Run } from "../context";
import { rateOf } from "../context";
import { deleteIndices } from "../es";
import { OffsetWatch } from "../kafka";
import { type Spread, spread } from "../stats";
import { benchTaskConfig } from "../workload";

/**
 * N, the naive baseline: kafkajs `eachMessage` (default consumer settings, auto-commit) and one awaited
 * `client.index()` per message, the document made by the same pure pipeline. Runs on the first few thousand
 * messages of the data set; timed from joining the group to the last of them acknowledged.
 */
export type NaiveResult = { runs: Run[]; rate: Spread };

const PREFIX = "bench-n-logs";

export async function runNaive(ctx: BenchContext): Promise<NaiveResult> {
  const { es, settings, log } = ctx;
  const topic = ctx.main.topic;
  const limit = settings.naiveMessages;
  const compiled = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic, index: PREFIX }));
  const runs: Run[] = [];
  const groups: string[] = [];
  for (let i = 0; i < settings.repeats; i++) {
    await deleteIndices(es, `${PREFIX}_*`);
    const groupId = uniqueName("bench-n");
    groups.push(groupId);
    const consumer = testKafka().consumer({ groupId });
    let handled = 0;
    let joinedAt = 0;
    let t0 = 0;
    let finish: (at: number) => void = () => {};
    const done = new Promise<number>((r) => {
      finish = r;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!joinedAt) {
        ctx.sampler.sample();
        joinedAt = performance.now();
        t0 = Date.now();
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (handled >= limit) {
          return;
        }
        const out = processMessage(
          compiled,
          { topic, partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value },
          Date.now(),
        );
        const action = out.kind === "write" ? out.actions[0] : undefined;
        if (action?.op !== "index") {
          throw new Error(`unexpected pipeline result ${out.kind}`);
        }
        await es.index({ index: action.index, id: action.id, document: action.doc });
        handled++;
        if (handled === limit) {
          finish(performance.now());
        }
      },
    });
    const end = await done;
    const t1 = Date.now();
    ctx.sampler.sample();
    await consumer.disconnect();
    const ms = end - joinedAt;
    const rate = rateOf(limit, ms);
    runs.push({ messages: limit, seconds: ms / 1000, rate, cpu: ctx.sampler.window(t0, t1) });
    log(
      `N run ${i + 1}/${settings.repeats}: ${Math.round(rate).toLocaleString("en")} msgs/s (${limit.toLocaleString("en")} messages in ${(ms / 1000).toFixed(1)} s)`,
    );
  }
  const watch = new OffsetWatch(topic);
  await watch.open();
  await watch.deleteGroups(groups);
  await watch.close();
  await deleteIndices(es, `${PREFIX}_*`);
  return { runs, rate: spread(runs.map((r) => r.rate)) };
}
