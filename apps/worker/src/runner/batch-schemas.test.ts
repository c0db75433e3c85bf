import { compileTask, type KafkaMessage } from "@outflow/pipeline";
import { avroBody } from "@outflow/pipeline/formats/registry-test-helpers";
import { frame } from "@outflow/pipeline/formats/registry-wire";
import type { EachBatchPayload } from "kafkajs";
import { describe, expect, it, vi } from "vitest";
import { type BatchSchemas, schemasReady } from "./batch-schemas";
import type { Generation } from "./slot-generation";

const USER = { type: "record", name: "User", fields: [{ name: "id", type: "string" }] };
const config = { source: { connectionId: "k", topics: ["t"] }, parse: { format: { type: "avro" } }, sink: { connectionId: "e", index: "i" } };
const messages: KafkaMessage[] = [{ topic: "t", partition: 0, offset: "0", timestamp: "0", key: null, value: frame(3, avroBody(USER, { id: "a" })) }];

function generation(schemas: BatchSchemas): Generation {
  return { compiled: compileTask(config), schemas, ending: new AbortController() } as unknown as Generation;
}
const payload = { heartbeat: vi.fn(async () => {}) } as unknown as EachBatchPayload;

describe("schemasReady (a chunk's schemas before the pipeline runs)", () => {
  it("waits while the registry does not answer, says so, and goes on when it answers", async () => {
    let calls = 0;
    const schemas: BatchSchemas = {
      lookup: async () => {
        calls++;
        if (calls < 3) {
          throw new Error('Schema registry connection "sr": refused: nothing accepts connections at http://127.0.0.1:1');
        }
        return { schema: JSON.stringify(USER) };
      },
      unavailable: vi.fn(async () => {}),
      recovered: vi.fn(async () => {}),
    };
    const gen = generation(schemas);
    expect(await schemasReady(gen, messages, payload, () => true)).toBe(true);
    expect(schemas.unavailable).toHaveBeenCalledTimes(2);
    expect(schemas.unavailable).toHaveBeenCalledWith(expect.stringContaining("refused"));
    expect(schemas.recovered).toHaveBeenCalledTimes(1);
    expect(gen.compiled.registry?.value?.get(3).ok).toBe(true);
  });

  it("gives the chunk up (unprocessed) when it is no longer wanted, e.g. a rebalance while the registry is away", async () => {
    const schemas: BatchSchemas = {
      lookup: async () => Promise.reject(new Error("down")),
      unavailable: vi.fn(async () => {}),
      recovered: vi.fn(async () => {}),
    };
    let wanted = true;
    schemas.unavailable = vi.fn(async () => {
      wanted = false;
    });
    expect(await schemasReady(generation(schemas), messages, payload, () => wanted)).toBe(false);
    expect(schemas.recovered).not.toHaveBeenCalled();
  });

  it("a task without registry formats asks nothing", async () => {
    const gen = { compiled: compileTask({ ...config, parse: {} }), ending: new AbortController() } as unknown as Generation;
    expect(await schemasReady(gen, messages, payload, () => true)).toBe(true);
  });
});
