import type { ApiClient } from "./api-client";
import { allDocs, deleteIndices, testElastic } from "./elastic";
import { createTopic } from "./kafka";
import { Outflow } from "./outflow";
import { uniqueName } from "./services";
import { Stack } from "./stack";

/**
 * What an integration test file shares: a stack with one worker, its {@link Outflow} driver (both connections
 * created), and topics and indices named under one prefix. Hook it up with `beforeAll(suite.start)` and
 * `afterAll(suite.stop)`; `stop` also deletes the prefix's indices.
 */
export class OutflowSuite {
  readonly es = testElastic();
  readonly prefix: string;
  private stack_: Stack | undefined;
  private driver: Outflow | undefined;

  constructor(prefix: string) {
    this.prefix = uniqueName(prefix);
  }

  readonly start = async (): Promise<void> => {
    this.stack_ = await Stack.start({ workers: 1 });
    this.driver = await Outflow.connect(this.stack_.api);
  };

  readonly stop = async (): Promise<void> => {
    await this.stack_?.stop();
    await deleteIndices(this.es, `${this.prefix}-*`);
  };

  get outflow(): Outflow {
    if (!this.driver) {
      throw new Error("the suite is not started: call beforeAll(suite.start)");
    }
    return this.driver;
  }

  /** The suite's stack, for tests that start, stop or crash its workers. */
  get stack(): Stack {
    if (!this.stack_) {
      throw new Error("the suite is not started: call beforeAll(suite.start)");
    }
    return this.stack_;
  }

  get api(): ApiClient {
    return this.outflow.api;
  }

  /** A fresh topic and index name for one test. */
  async freshTopic(partitions = 1): Promise<{ topic: string; index: string }> {
    const topic = uniqueName(`${this.prefix}-t`);
    await createTopic(topic, partitions);
    return { topic, index: uniqueName(`${this.prefix}-i`) };
  }

  /** The index's documents, by ID. */
  async docsById(index: string): Promise<Record<string, Record<string, unknown>>> {
    return Object.fromEntries((await allDocs(this.es, index)).map((d) => [d._id, d._source]));
  }
}
