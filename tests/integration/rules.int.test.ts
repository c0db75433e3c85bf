import { createHash } from "node:crypto";
import { produce } from "@outflow/testing/kafka";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { waitFor } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Every processing rule type of README's table, as a rule chain, checked on the written documents. */
describe.concurrent("processing rules", () => {
  const suite = new OutflowSuite("it-rules");
  beforeAll(suite.start);
  afterAll(suite.stop);

  it("value and structure rules: rename, drop, add, copy, metadata, lowercase, uppercase, replace, substring, parse_date, cast, parse_json, split", async () => {
    const { topic, index } = await suite.freshTopic();
    const full = {
      id: "full",
      user: { name: "Ann", secret: "s3cr3t" },
      debug: { trace: [1, 2] },
      items: [{ sku: "SKU-1", qty: 2 }, { sku: "SKU-2" }],
      level: "WARNING",
      country: "no",
      path: "/api/v1/orders",
      phone: "555-1234",
      word: "😀héllo wörld",
      local: "2024-03-01 08:30:00",
      isoWithOffset: "2024-03-01T08:30:00+02:00",
      epochS: 1709281800,
      amount: "42.5",
      qty: "7.9",
      flag: "yes",
      code: 17,
      payload: '{"a":[1,2],"b":{"c":null}}',
      tags: "red,green,,blue",
    };
    // Every value rule on a message without its field leaves it alone.
    const sparse = { id: "sparse", level: "Info" };
    await produce(topic, [{ key: "the-key", value: JSON.stringify(full) }, { value: JSON.stringify(sparse) }]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [
        { type: "rename", from: "$.user.name", to: "$.userName" },
        { type: "drop", fields: ["$.user.secret", "debug"] },
        { type: "add", field: "$.env", value: { tier: "prod", weights: [1, 2], on: true } },
        { type: "copy", from: "$.items[1].sku", to: "$.secondSku" },
        { type: "metadata", field: "$.source.topic", source: "topic" },
        { type: "lowercase", field: "$.level" },
        { type: "uppercase", field: "$.country", to: "$.countryCode" },
        { type: "replace", field: "$.path", pattern: "/", replacement: "." },
        { type: "replace", field: "$.phone", pattern: "^(\\d{3})-(\\d{4})$", replacement: "$2/$1", regex: true, to: "$.phoneSwapped" },
        { type: "substring", field: "$.word", start: 0, end: 3 },
        { type: "parse_date", field: "$.local", format: "yyyy-MM-dd HH:mm:ss", timeZone: "Asia/Shanghai", output: "iso" },
        { type: "parse_date", field: "$.isoWithOffset", format: "iso", output: "epoch_millis", to: "$.isoMs" },
        { type: "parse_date", field: "$.epochS", format: "epoch_seconds", timeZone: "UTC", output: "iso", to: "$.epochIso" },
        { type: "cast", field: "$.amount", as: "number" },
        { type: "cast", field: "$.qty", as: "integer" },
        { type: "cast", field: "$.flag", as: "boolean" },
        { type: "cast", field: "$.code", as: "string" },
        { type: "parse_json", field: "$.payload", to: "$.parsed" },
        { type: "split", field: "$.tags", separator: "," },
      ],
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 2, messagesWritten: 2, discarded: 0, failed: 0 });
    expect(await suite.docsById(index)).toEqual({
      full: {
        id: "full",
        user: {},
        userName: "Ann",
        items: [{ sku: "SKU-1", qty: 2 }, { sku: "SKU-2" }],
        secondSku: "SKU-2",
        env: { tier: "prod", weights: [1, 2], on: true },
        source: { topic },
        level: "warning",
        country: "no",
        countryCode: "NO",
        path: ".api.v1.orders",
        phone: "555-1234",
        phoneSwapped: "1234/555",
        word: "😀hé",
        local: "2024-03-01T00:30:00.000Z",
        isoWithOffset: "2024-03-01T08:30:00+02:00",
        isoMs: Date.UTC(2024, 2, 1, 6, 30),
        epochS: 1709281800,
        epochIso: "2024-03-01T08:30:00.000Z",
        amount: 42.5,
        qty: 7,
        flag: true,
        code: "17",
        payload: '{"a":[1,2],"b":{"c":null}}',
        parsed: { a: [1, 2], b: { c: null } },
        tags: ["red", "green", "", "blue"],
      },
      sparse: { id: "sparse", level: "info", env: { tier: "prod", weights: [1, 2], on: true }, source: { topic } },
    });
  });

  it("reshaping rules: trim, join, merge, default, timestamp, hash, mask, drop_empty, keys_case, parse, templated rename", async () => {
    const { topic, index } = await suite.freshTopic();
    const kafkaTs = Date.UTC(2024, 0, 31, 15, 30); // 00:30 on 1 February in Tokyo
    const a = {
      id: "A",
      name: "  Ann  ",
      tags: ["a", "b", "c"],
      extra: { plan: "pro", since: 2020 },
      profile: { plan: "free", lang: "no" },
      roles: ["user"],
      moreRoles: ["admin"],
      country: null,
      email: "ann@example.com",
      first: "Ann",
      last: "Lee",
      card: "4111111111111111",
      empty: { s: "", n: null, a: [], o: {}, keep: 0 },
      blank: "",
      Headers: { "Content-Type": "json", "X-Id": { Inner: 1 } },
      query: "utm_source=mail&utm_medium=news",
      csv: "1;2;3",
      metricName: "cpu",
      metricValue: 0.93,
    };
    const b = { id: "B", country: "SE", first: "Bo", last: "Ek" };
    await produce(topic, [
      { value: JSON.stringify(a), timestamp: String(kafkaTs) },
      { value: JSON.stringify(b), timestamp: String(kafkaTs + 60_000) },
    ]);
    const before = Date.now();
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [
        { type: "trim", field: "$.name" },
        { type: "join", field: "$.tags", separator: "|", to: "$.tagLine" },
        { type: "merge", from: "$.extra", to: "$.profile" },
        { type: "merge", from: "$.moreRoles", to: "$.roles" },
        { type: "default", field: "$.country", value: "NO" },
        { type: "timestamp", field: "$.kafkaTime", source: "kafka_timestamp", format: "yyyy-MM-dd HH:mm", timeZone: "Asia/Tokyo" },
        { type: "timestamp", field: "$.processedAt", source: "processing_time", format: "epoch_millis" },
        { type: "hash", fields: ["$.email"] },
        { type: "hash", fields: ["$.first", "$.last"], separator: "|", to: "$.nameHash" },
        { type: "mask", field: "$.card", keepFirst: 6, keepLast: 4, char: "#", to: "$.cardBin" },
        { type: "mask", field: "$.card" },
        { type: "drop_empty" },
        { type: "keys_case", case: "lower", field: "$.Headers" },
        { type: "parse", field: "$.query", format: { type: "kv" } },
        { type: "parse", field: "$.csv", format: { type: "delimited", separator: ";", columns: ["x", "y", "z"] }, to: "$.csvParsed" },
        { type: "rename", from: "$.metricValue", to: "metrics.{$.metricName}" },
      ],
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 2, messagesWritten: 2, discarded: 0, failed: 0 });
    const docs = await suite.docsById(index);
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    const processedA = docs.A?.processedAt as number;
    expect(processedA).toBeGreaterThanOrEqual(before - 1_000);
    expect(processedA).toBeLessThanOrEqual(Date.now());
    expect(docs.A).toEqual({
      id: "A",
      name: "Ann",
      tags: ["a", "b", "c"],
      tagLine: "a|b|c",
      extra: { plan: "pro", since: 2020 },
      profile: { plan: "pro", lang: "no", since: 2020 },
      roles: ["user", "admin"],
      moreRoles: ["admin"],
      country: "NO",
      kafkaTime: "2024-02-01 00:30",
      processedAt: processedA,
      email: sha("ann@example.com"),
      first: "Ann",
      last: "Lee",
      nameHash: sha("Ann|Lee"),
      card: "************1111",
      cardBin: "411111######1111",
      empty: { keep: 0 },
      Headers: { "content-type": "json", "x-id": { inner: 1 } },
      query: "utm_source=mail&utm_medium=news",
      utm_source: "mail",
      utm_medium: "news",
      csv: "1;2;3",
      csvParsed: { x: "1", y: "2", z: "3" },
      metricName: "cpu",
      metrics: { cpu: 0.93 },
    });
    expect(docs.B).toEqual({
      id: "B",
      country: "SE",
      kafkaTime: "2024-02-01 00:31",
      processedAt: expect.any(Number),
      first: "Bo",
      last: "Ek",
      nameHash: sha("Bo|Ek"),
    });
  });

  it("a value of the wrong type fails the message at stage rule (here: discarded, the others written)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      { value: JSON.stringify({ id: "a", amount: "12" }) },
      { value: JSON.stringify({ id: "b", amount: { not: "a number" } }) },
      { value: JSON.stringify({ id: "c", amount: 3 }) },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [{ type: "cast", field: "$.amount", as: "number" }],
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, discarded: 1 });
    expect(await suite.docsById(index)).toEqual({ a: { id: "a", amount: 12 }, c: { id: "c", amount: 3 } });
    const discarded = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(discarded.details).toMatchObject({ topic, partition: 0, offset: "1", stage: "rule" });
  });

  it("filter rules keep and drop with every operator; filtered messages are counted and not indexed", async () => {
    const { topic, index } = await suite.freshTopic();
    const ok = { level: "info", service: "web", msg: "GET /", path: "/home", user: "u1", latency: 1000, status: 200 };
    // Each message but the last two is removed by exactly one filter (named in `by`).
    const messages = [
      { id: "m1", by: "equals (case-insensitive)", ...ok, level: "DEBUG" },
      { id: "m2", by: "not_equals", ...ok, service: "internal" },
      { id: "m3", by: "contains", ...ok, msg: "GET /healthcheck" },
      { id: "m4", by: "regex", ...ok, path: "/admin/users" },
      { id: "m5", by: "exists", ...ok, user: undefined },
      { id: "m6", by: "not_exists", ...ok, bot: true },
      { id: "m7", by: "gt (any)", ...ok, latency: 1001 },
      { id: "m8", by: "lt (any)", ...ok, latency: -1 },
      { id: "m9", by: "gte and lte (all)", ...ok, status: 404 },
      { id: "m10", by: "", ...ok, status: 299, level: "Info" },
      { id: "m11", by: "", ...ok, latency: "1000", status: "200" },
    ];
    await produce(
      topic,
      messages.map((m) => ({ value: JSON.stringify(m) })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [
        { type: "filter", action: "drop", conditions: [{ field: "$.level", op: "equals", value: "debug", caseInsensitive: true }] },
        { type: "filter", action: "keep", conditions: [{ field: "$.service", op: "not_equals", value: "internal" }] },
        { type: "filter", action: "drop", conditions: [{ field: "$.msg", op: "contains", value: "healthcheck" }] },
        { type: "filter", action: "drop", conditions: [{ field: "$.path", op: "regex", value: "^/admin(/|$)" }] },
        { type: "filter", action: "keep", conditions: [{ field: "$.user", op: "exists" }] },
        { type: "filter", action: "keep", conditions: [{ field: "$.bot", op: "not_exists" }] },
        {
          type: "filter",
          action: "drop",
          match: "any",
          conditions: [
            { field: "$.latency", op: "gt", value: 1000 },
            { field: "$.latency", op: "lt", value: 0 },
          ],
        },
        {
          type: "filter",
          action: "keep",
          match: "all",
          conditions: [
            { field: "$.status", op: "gte", value: 200 },
            { field: "$.status", op: "lte", value: 299 },
          ],
        },
        { type: "drop", fields: ["$.by"] },
      ],
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, messages.length);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 11, messagesWritten: 2, documentsWritten: 2, filtered: 9, discarded: 0, dropped: 0 });
    expect(settledSum(done.metrics.totals)).toBe(11);
    const docs = await suite.docsById(index);
    expect(Object.keys(docs).sort()).toEqual(["m10", "m11"]);
    expect(docs.m10).toEqual({ id: "m10", ...ok, status: 299, level: "Info" });
    expect((await suite.outflow.waitForNoLag(task.id)).metrics.partitions[0]?.committedOffset).toBe("11");
  });

  it("a rule change on a running task (PATCH) applies to the messages after it", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [{ value: JSON.stringify({ id: "before", level: "INFO" }) }]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } } });
    await suite.outflow.waitForMessagesIn(task.id, 1);
    const patched = await suite.api.patch<{ configVersion: number }>(`/api/tasks/${task.id}`, {
      config: {
        rules: [
          { type: "lowercase", field: "$.level" },
          { type: "add", field: "$.v", value: 2 },
        ],
      },
    });
    expect(patched.configVersion).toBeGreaterThan(task.configVersion);
    expect((await suite.outflow.task(task.id)).status).not.toBe("failed");
    // The consumers restart with the new version soon after: probe until a message comes out with the new rules.
    let probes = 0;
    await waitFor(
      "a message processed with the new rules",
      async () => {
        await produce(topic, [{ value: JSON.stringify({ id: `probe-${probes++}`, level: "PROBE" }) }]);
        return Object.values(await suite.docsById(index)).some((d) => d.v === 2);
      },
      60_000,
      500,
    );
    await produce(topic, [{ value: JSON.stringify({ id: "after", level: "WARN" }) }]);
    await suite.outflow.waitForMessagesIn(task.id, 2 + probes);
    const docs = await suite.docsById(index);
    expect(docs.before).toEqual({ id: "before", level: "INFO" });
    expect(docs.after).toEqual({ id: "after", level: "warn", v: 2 });
    expect((await suite.outflow.events(task.id)).some((e) => e.kind === "updated")).toBe(true);
    // Once a message was processed with the new version, every later one is too (one partition, in order).
    const probeDocs = Array.from({ length: probes }, (_, i) => docs[`probe-${i}`]);
    const firstNew = probeDocs.findIndex((d) => d?.v === 2);
    expect(probeDocs.slice(firstNew)).toEqual(probeDocs.slice(firstNew).map(() => ({ id: expect.any(String), level: "probe", v: 2 })));
  });
});
