import { TaskConfig } from "@outflow/schemas/task-config";
import { describe, expect, it } from "vitest";
import { taskConnectionIds } from "./task-connections";

const config = (failure?: unknown) =>
  TaskConfig.parse({ source: { connectionId: "k1", topics: ["t"] }, sink: { connectionId: "e1", index: "i" }, ...(failure ? { failure } : {}) });

describe("taskConnectionIds", () => {
  it("lists the source and the target", () => {
    expect(taskConnectionIds({ config: config() })).toEqual(["k1", "e1"]);
  });

  it("adds the dead-letter producer's own connection, not the default one", () => {
    expect(taskConnectionIds({ config: config({ policy: "dead_letter", topic: "dlq", connectionId: "k2" }) })).toEqual(["k1", "e1", "k2"]);
    expect(taskConnectionIds({ config: config({ policy: "dead_letter", topic: "dlq" }) })).toEqual(["k1", "e1"]);
  });
});
