import { avroBody } from "@outflow/pipeline/formats/registry-test-helpers";
import { frame } from "@outflow/pipeline/formats/registry-wire";
import { WireMessage } from "@outflow/schemas/api/preview";
import { describe, expect, it } from "vitest";
import { runDryRunJob } from "./dry-run-job";
import { runPreviewJob } from "./preview-job";

const USER = {
  type: "record",
  name: "User",
  fields: [
    { name: "id", type: "string" },
    { name: "big", type: "long" },
  ],
};
const config = {
  source: { connectionId: "k", topics: ["users"] },
  parse: { format: { type: "avro" } },
  sink: { connectionId: "e", index: "users", documentId: { type: "fields", fields: ["$.id"] } },
};
const base64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const wire = (value: Uint8Array) => ({
  topic: "users",
  partition: 0,
  offset: "0",
  key: null,
  value: base64(value),
  valueEncoding: "base64" as const,
  headers: {},
});

describe("registry formats in the preview and dry-run threads", () => {
  const message = wire(frame(4, avroBody(USER, { id: "u1", big: 9007199254740993n })));
  const schemas: [number, { schema: string } | null][] = [[4, { schema: JSON.stringify(USER) }]];

  it("decode with the schemas the request thread looked up, numbers exact", () => {
    const answer = runPreviewJob({ config, messages: [message], budgetMs: 2_000, schemas });
    expect(answer.kind === "done" && answer.json).toContain('"record":{"id":"u1","big":9007199254740993}');
    const plan = runDryRunJob({ config, messages: [message], prefix: "p", knownTargets: [], maxTargets: 5, schemas });
    expect(plan.kind === "done" && plan.plan.messages[0]).toMatchObject({ kind: "write" });
  });

  it("a registry-encoded key crosses as base64 (keyEncoding) and decodes to the document ID", () => {
    const KEY = { type: "record", name: "Key", fields: [{ name: "id", type: "long" }] };
    const keyed = { ...message, key: base64(frame(5, avroBody(KEY, { id: 9007199254740993n }))), keyEncoding: "base64" as const };
    const answer = runPreviewJob({
      config: { ...config, parse: { format: { type: "avro" }, keyFormat: { type: "avro" } }, sink: { ...config.sink, documentId: { type: "kafka_key" } } },
      messages: [WireMessage.parse(keyed)],
      budgetMs: 2_000,
      schemas: [...schemas, [5, { schema: JSON.stringify(KEY) }]],
    });
    expect(answer.kind === "done" && answer.json).toContain('\\"_id\\":\\"9007199254740993\\"');
    expect(WireMessage.safeParse({ ...keyed, key: "not base64!" }).error?.issues[0]?.path).toEqual(["key"]);
  });

  it("an id the registry did not know fails the message at parse, saying so", () => {
    const answer = runPreviewJob({ config, messages: [message], budgetMs: 2_000, schemas: [[4, null]] });
    expect(answer.kind === "done" && answer.json).toContain("unknown schema id 4: the schema registry has no schema with that id");
  });
});
