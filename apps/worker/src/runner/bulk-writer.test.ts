import { actionToNdjson, byteLength, type PendingAction } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import { bulkBody } from "./bulk-writer";

function pending(doc: Record<string, unknown>, id: string): PendingAction {
  const action = { op: "index" as const, index: "logs", id, doc };
  const ndjson = actionToNdjson(action);
  return { message: 0, action, ndjson, bytes: byteLength(ndjson) };
}

describe("bulkBody", () => {
  it("is the UTF-8 of the actions' NDJSON, in order, multi-byte text included", () => {
    const items = [pending({ msg: "plain" }, "1"), pending({ msg: "héllo wörld — 日本語 😀" }, "2"), pending({ n: 3 }, "ключ")];
    const body = bulkBody(items);
    expect(body.toString("utf8")).toBe(items.map((i) => i.ndjson).join(""));
    expect(body.length).toBe(Buffer.byteLength(items.map((i) => i.ndjson).join("")));
  });

  it("refuses actions whose byte count does not match their text", () => {
    const item = pending({ msg: "😀" }, "1");
    expect(() => bulkBody([{ ...item, bytes: item.bytes - 1 }])).toThrow(/bulk body: wrote/);
    expect(() => bulkBody([{ ...item, bytes: item.bytes + 1 }])).toThrow(/bulk body: wrote/);
  });
});
