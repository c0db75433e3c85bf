import { messageLink } from "@outflow/pipeline/message-links";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES } from "../../i18n/messages";

type Config = Parameters<typeof messageLink>[0];
const config = (sink: object, topics = ["orders"]) =>
  ({ source: { topics }, parse: { format: "json" }, rules: [], sink: { documentId: { type: "auto" }, ...sink } }) as unknown as Config;

describe("why documents do not lead to their messages", () => {
  const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "explorer.linkReasons" });
  const partitionAndOffset = [
    { type: "metadata", source: "partition", field: "p" },
    { type: "metadata", source: "offset", field: "o" },
  ];
  it.each([
    ["aggregation", config({ aggregation: { groupBy: ["$.a"] } })],
    ["auto IDs", config({})],
    ["key IDs", config({ documentId: { type: "kafka_key" } })],
    ["CDC keys", config({ cdc: { format: "debezium" } })],
    ["several topics", { ...config({}, ["a", "b"]), rules: partitionAndOffset } as unknown as Config],
  ])("the English template reproduces the reason (%s)", (_, c) => {
    const link = messageLink(c);
    if (link.via !== "none") {
      throw new Error(`expected no link, got ${link.via}`);
    }
    expect(t(link.reasonKey, link.params ?? {})).toBe(link.reason);
  });
});
