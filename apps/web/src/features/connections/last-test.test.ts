import { registrySummary } from "@outflow/connectors/schema-registry-client";
import type { Connection } from "@outflow/schemas/connection";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { type ComponentProps, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES, MESSAGES } from "../../i18n/messages";
import { TestError } from "./components/test-error";
import { failedConnections, linkConnectionInReason, serverSeen, summarizeLastTest, testErrorText } from "./last-test";

const at = "2026-12-01T21:00:00.000Z";
const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "connections" });

describe("summarizeLastTest", () => {
  it("says never for a connection not tested yet", () => {
    expect(summarizeLastTest(null, t)).toEqual({ state: "never" });
  });

  it("shows the server and version an Elasticsearch test found", () => {
    const s = summarizeLastTest(
      {
        at,
        ok: true,
        latencyMs: 12,
        details: { server: "OpenSearch 3.8.0", distribution: "opensearch", version: "3.8.0", status: "green" },
      },
      t,
    );
    expect(s).toEqual({ state: "ok", at, latencyMs: 12, server: "OpenSearch 3.8.0", category: null, error: null });
  });

  it("names the failure category of a failed test in words, and keeps its error", () => {
    const s = summarizeLastTest(
      {
        at,
        ok: false,
        latencyMs: 40,
        error: "credentials refused (HTTP 401)",
        details: { category: "credentials", status: 401 },
      },
      t,
    );
    expect(s).toEqual({ state: "failed", at, latencyMs: 40, server: null, category: "credentials refused", error: "credentials refused (HTTP 401)" });
  });

  it("shows an unknown category as it is", () => {
    const s = summarizeLastTest({ at, ok: false, latencyMs: 1, details: { category: "something_new" } }, t);
    expect(s.state === "failed" && s.category).toBe("something_new");
  });

  it("keeps the server of an unsupported version beside its category", () => {
    const s = summarizeLastTest(
      {
        at,
        ok: false,
        latencyMs: 5,
        error: "Elasticsearch 6.8.0 is not supported",
        details: { server: "Elasticsearch 6.8.0", distribution: "elasticsearch", version: "6.8.0", category: "unsupported" },
      },
      t,
    );
    expect(s.state === "failed" && [s.server, s.category]).toEqual(["Elasticsearch 6.8.0", "unsupported version"]);
  });
});

describe("serverSeen", () => {
  it("says the server was not told when neither GET / nor the node info answered", () => {
    expect(serverSeen({ server: "not told", distribution: null, version: null }, t)).toBe("Server not told");
  });

  it("counts Kafka's brokers", () => {
    expect(serverSeen({ brokers: [{ nodeId: 1 }, { nodeId: 2 }], controller: 1, topics: 3 }, t)).toBe("Kafka, 2 brokers");
    expect(serverSeen({ brokers: [{ nodeId: 1 }] }, t)).toBe("Kafka, 1 broker");
  });

  it("speaks the page language", () => {
    const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "connections" });
    expect(serverSeen({ brokers: [{ nodeId: 1 }, { nodeId: 2 }] }, zh)).toBe("Kafka，2 个 Broker");
    const s = summarizeLastTest({ at, ok: false, latencyMs: 3, details: { category: "refused" } }, zh);
    expect(s.state === "failed" && s.category).toBe("连接被拒绝");
  });

  it("words a registry's summary from its subjects and server, as the probe's English says it", () => {
    const registry = (subjects: number, server?: string) => ({
      registry: "the probe's summary",
      ...(server ? { server } : {}),
      subjects,
      compatibility: "BACKWARD",
    });
    for (const [subjects, server] of [
      [3, null],
      [1, null],
      [0, null],
      [1000, null],
      [3, "Apicurio Registry 2.6.13.Final"],
      [1, "Karapace 4"],
    ] as const) {
      expect(serverSeen(registry(subjects, server ?? undefined), t)).toBe(registrySummary(subjects, server));
    }
    expect(serverSeen(registry(3), t)).toBe("Confluent-compatible schema registry, 3 subjects");
    expect(serverSeen(registry(1), t)).toBe("Confluent-compatible schema registry, 1 subject");
    expect(serverSeen(registry(1000), t)).toBe("Confluent-compatible schema registry, 1000 subjects");
    expect(serverSeen(registry(3, "Apicurio Registry 2.6.13.Final"), t)).toBe("Apicurio Registry 2.6.13.Final (Confluent-compatible API), 3 subjects");
    const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "connections" });
    expect(serverSeen(registry(3), zh)).toBe("兼容 Confluent 的模式注册中心，3 个主题名（subject）");
    expect(serverSeen(registry(0, "Apicurio Registry 2.6.13.Final"), zh)).toBe(
      "Apicurio Registry 2.6.13.Final（兼容 Confluent 的 API），0 个主题名（subject）",
    );
    expect(serverSeen({ registry: "Confluent-compatible schema registry, 3 subjects" }, zh)).toBe("Confluent-compatible schema registry, 3 subjects");
  });

  it("is null when the test found nothing", () => {
    expect(serverSeen(undefined, t)).toBeNull();
    expect(serverSeen({ category: "refused", status: null }, t)).toBeNull();
  });
});

describe("failedConnections", () => {
  const conn = (id: string, lastTest: Connection["lastTest"]): Connection => ({
    id,
    name: id,
    kind: "elasticsearch",
    nodes: ["http://es:9200"],
    auth: { type: "none" },
    createdAt: at,
    updatedAt: at,
    lastTest,
  });
  const ok = conn("ok", { at, ok: true, latencyMs: 1 });
  const bad = conn("bad", { at, ok: false, latencyMs: 1, error: "refused" });
  const never = conn("never", null);

  it("keeps only the chosen connections whose last test failed", () => {
    expect(failedConnections([ok, bad, never], ["ok", "bad", "never", undefined]).map((c) => c.id)).toEqual(["bad"]);
    expect(failedConnections([ok, bad, never], ["ok", "never"])).toEqual([]);
  });
});

describe("linkConnectionInReason", () => {
  const conns = [
    { id: "c1", name: "logs" },
    { id: "c2", name: "logs cluster" },
    { id: "c3", name: "prod" },
  ];

  it("links the name after 'connection', preferring the longest name", () => {
    expect(linkConnectionInReason("Elasticsearch refused the credentials of connection logs cluster (HTTP 401)", conns)).toEqual([
      { text: "Elasticsearch refused the credentials of connection " },
      { text: "logs cluster", connectionId: "c2" },
      { text: " (HTTP 401)" },
    ]);
  });

  it("links a quoted name without its quotes", () => {
    expect(linkConnectionInReason('Kafka connection "prod": the broker refused the credentials', conns)).toEqual([
      { text: 'Kafka connection "' },
      { text: "prod", connectionId: "c3" },
      { text: '": the broker refused the credentials' },
    ]);
  });

  it("does not link a name that is only the start of a longer word", () => {
    expect(linkConnectionInReason("of connection production", conns)).toEqual([{ text: "of connection production" }]);
  });

  it("leaves a reason that mentions no connection as it is", () => {
    expect(linkConnectionInReason("writes failed: the index is read-only", conns)).toEqual([{ text: "writes failed: the index is read-only" }]);
  });
});

describe("a failed test's sentence", () => {
  const error = 'Kafka connection "prod": the broker did not answer in time (Connection timeout)';
  const details = { category: "timed_out", messageKey: "kafkaTimedOut", params: { connection: "prod", detail: "Connection timeout" } };

  it("is the catalogue's in the page's language where the test names it, the server's English otherwise", () => {
    expect(testErrorText({ error, details }, "zh-CN")).toBe("Kafka 连接“prod”：Broker 未及时响应（Connection timeout）");
    expect(testErrorText({ error, details }, "en")).toBe(error);
    expect(testErrorText({ error, details: { category: "timed_out" } }, "zh-CN")).toBe(error);
    // A key this console does not know, or arguments it lacks: the server's words.
    expect(testErrorText({ error, details: { ...details, messageKey: "newerSentence" } }, "zh-CN")).toBe(error);
    expect(testErrorText({ error, details: { ...details, params: {} } }, "zh-CN")).toBe(error);
    const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "connections" });
    const s = summarizeLastTest({ at, ok: false, latencyMs: 3, error, details }, zh, "zh-CN");
    expect(s.state === "failed" && s.error).toBe("Kafka 连接“prod”：Broker 未及时响应（Connection timeout）");
  });

  it("marks the connection and the client's words as server text on a Chinese page, and an unnamed sentence whole", () => {
    const html = (d: Record<string, unknown>) =>
      renderToStaticMarkup(
        createElement(
          NextIntlClientProvider,
          { locale: "zh-CN", messages: MESSAGES["zh-CN"], timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>,
          createElement(TestError, { error, details: d }),
        ),
      );
    expect(html(details)).toBe('Kafka 连接“<span data-server-text="">prod</span>”：Broker 未及时响应（<span data-server-text="">Connection timeout</span>）');
    expect(html({ category: "timed_out" })).toBe(`<span data-server-text="">${error.replaceAll('"', "&quot;")}</span>`);
  });
});
