import { ApiError } from "@outflow/testing/api-client";
import { produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { waitFor } from "@outflow/testing/services";
import type { StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type IndexList = {
  expression: string;
  exact: boolean;
  items: { index: string; documents: number | null; primaryBytes: number | null }[];
  total: number;
  nextOffset: number | null;
};
type Hit = { index: string; id: string; source: string | null; sourceChars: number; message: { topic: string; partition: number; offset: string } | null };
type Page = { items: Hit[]; total: { value: number; relation: string }; nextOffset: number | null; link: { via: string } };
type MessageView = { message: { offset: string; value: string | null; key: string | null }; documents: { index: string; id: string }[] };

/**
 * The explorer on the real services: a task's indices with their counts, searching and paging its documents, a
 * document's message and a message's documents, the bounds, and viewers kept from contents. Runs on any search
 * server through ES_URL (Elasticsearch 7.10–9.x, OpenSearch 1.3–3.x).
 */
describe("explorer: what landed", () => {
  const suite = new OutflowSuite("it-explore");
  let editor: StackUser;
  let viewer: StackUser;
  // A date-split task with kafka_coordinates IDs: 30 messages over two days, every third an error, on 2 partitions.
  let split: { taskId: string; topic: string; index: string };
  const DAY1 = Date.parse("2026-03-01T00:00:00Z");
  const DAY2 = Date.parse("2026-03-02T00:00:00Z");
  const at = (n: number) => new Date((n < 20 ? DAY1 : DAY2) + n * 60_000).toISOString();

  beforeAll(async () => {
    await suite.start();
    editor = await suite.stack.createUser("editor");
    viewer = await suite.stack.createUser("viewer");
    const { topic, index } = await suite.freshTopic(2);
    await produce(
      topic,
      Array.from({ length: 30 }, (_, n) => ({
        partition: n % 2,
        key: `k${n}`,
        value: JSON.stringify({ n, at: at(n), level: n % 3 === 0 ? "error" : "info", text: `event number ${n}` }),
      })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: {
        documentId: { type: "kafka_coordinates" },
        dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "$.at", format: "iso" }, timeZone: "UTC" },
      },
    });
    split = { taskId: task.id, topic, index };
    await suite.outflow.waitForMessagesIn(task.id, 30);
    await waitFor("30 searchable documents", async () => (await editor.api.get<Page>(`/api/tasks/${task.id}/documents?limit=1`)).total.value === 30);
  });
  afterAll(suite.stop);

  it("lists the task's date-split indices with exact document counts and sizes, to viewers too", async () => {
    // An index of the same prefix but not the task's shape is left out.
    await suite.es.index({ index: `${split.index}_other`, document: { n: -1 }, refresh: true });
    const list = await viewer.api.get<IndexList>(`/api/tasks/${split.taskId}/indices`);
    expect(list).toMatchObject({ expression: `${split.index}_*`, exact: true, total: 2, nextOffset: null });
    expect(list.items.map((i) => [i.index, i.documents])).toEqual([
      [`${split.index}_20260302`, 10],
      [`${split.index}_20260301`, 20],
    ]);
    expect(list.items.every((i) => (i.primaryBytes ?? 0) > 0)).toBe(true);
    const first = await viewer.api.get<IndexList>(`/api/tasks/${split.taskId}/indices?limit=1&offset=1`);
    expect(first.items.map((i) => i.index)).toEqual([`${split.index}_20260301`]);
  });

  it("pages the documents newest first by a time field: every document once, with a query and a time range", async () => {
    const seen: number[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: Page = await editor.api.get<Page>(`/api/tasks/${split.taskId}/documents?field=at&limit=7&offset=${offset}`);
      expect(page.total).toEqual({ value: 30, relation: "eq" });
      seen.push(...page.items.map((h) => JSON.parse(h.source ?? "{}").n as number));
      offset = page.nextOffset;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));

    const errors = await editor.api.get<Page>(`/api/tasks/${split.taskId}/documents?q=${encodeURIComponent("level:error")}&field=at&limit=100`);
    expect(errors.items.map((h) => JSON.parse(h.source ?? "{}").n)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0]);

    const range = `from=${encodeURIComponent(at(5))}&to=${encodeURIComponent(at(8))}`;
    const ranged = await editor.api.get<Page>(`/api/tasks/${split.taskId}/documents?field=at&${range}`);
    expect(ranged.items.map((h) => JSON.parse(h.source ?? "{}").n)).toEqual([8, 7, 6, 5]);

    const oneDay = await editor.api.get<Page>(`/api/tasks/${split.taskId}/documents?index=${split.index}_20260302&limit=100`);
    expect(oneDay.total.value).toBe(10);
    expect(oneDay.items.every((h) => h.index === `${split.index}_20260302`)).toBe(true);
  });

  it("opens a document, its Kafka message by the kafka_coordinates ID, and from the message its document", async () => {
    const page = await editor.api.get<Page>(`/api/tasks/${split.taskId}/documents?q=n:7`);
    expect(page.link.via).toBe("document_id");
    const hit = page.items[0] as Hit;
    expect(hit.message).toEqual({ topic: split.topic, partition: 1, offset: "3" });
    const doc = await editor.api.get<Hit>(`/api/tasks/${split.taskId}/documents/${hit.index}/${hit.id}`);
    expect(JSON.parse(doc.source ?? "{}")).toMatchObject({ n: 7, level: "info" });
    const msg = await editor.api.get<MessageView>(`/api/tasks/${split.taskId}/messages/${split.topic}/1/3`);
    expect(msg.message).toMatchObject({ offset: "3", key: "k7" });
    expect(JSON.parse(msg.message.value ?? "{}").n).toBe(7);
    expect(msg.documents).toEqual([expect.objectContaining({ index: `${split.index}_20260301`, id: `${split.topic}-1-3` })]);
  });

  it("finds the message through metadata rules when IDs are automatic, and the documents of a message by those fields", async () => {
    const { topic, index } = await suite.freshTopic(1);
    await produce(
      topic,
      Array.from({ length: 5 }, (_, n) => ({ value: JSON.stringify({ n }) })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [
        { type: "metadata", source: "partition", field: "$.src.p" },
        { type: "metadata", source: "offset", field: "$.src.o" },
        { type: "rename", from: "src", to: "kafka" },
      ],
    });
    await suite.outflow.waitForMessagesIn(task.id, 5);
    const page = await waitFor("5 documents", async () => {
      const p = await editor.api.get<Page>(`/api/tasks/${task.id}/documents?q=n:4`);
      return p.items.length === 1 ? p : null;
    });
    expect(page.link).toEqual({ via: "metadata", fields: ["kafka.p", "kafka.o"], rules: [0, 1] });
    expect(page.items[0]?.message).toEqual({ topic, partition: 0, offset: "4" });
    const msg = await editor.api.get<MessageView>(`/api/tasks/${task.id}/messages/${topic}/0/4`);
    expect(msg.documents.map((d) => d.id)).toEqual([page.items[0]?.id]);
  });

  it("opens a document whose ID needs escaping in the path (key IDs with a slash, a space, a percent sign)", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const key = "user/42 is 100%";
    await produce(topic, [{ key, value: JSON.stringify({ n: 1 }) }]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "kafka_key" } } });
    await suite.outflow.waitForMessagesIn(task.id, 1);
    await waitFor("the document", async () => (await editor.api.get<Page>(`/api/tasks/${task.id}/documents`)).items.length === 1);
    const doc = await editor.api.get<Hit>(`/api/tasks/${task.id}/documents/${index}/${encodeURIComponent(key)}`);
    expect([doc.id, JSON.parse(doc.source ?? "{}").n]).toEqual([key, 1]);
  });

  it("bounds every answer: page size, depth, sources; bad parameters are named", async () => {
    const base = `/api/tasks/${split.taskId}/documents`;
    const cases: [string, string][] = [
      ["?limit=101", "limit"],
      ["?limit=0", "limit"],
      ["?offset=9990&limit=20", "offset"],
      ["?from=2026-03-01T00:00:00Z", "field"],
      ["?field=at&from=yesterday", "from"],
      ["?field=a%20b", "field"],
      ["?q=level:(((", "q"],
      ["?index=some-other-index", "index"],
      ["?unknown=1", "unknown"],
    ];
    for (const [query, field] of cases) {
      const err = await editor.api.expectError("GET", `${base}${query}`);
      expect([err.status, err.body.error?.field], query).toEqual([422, field]);
    }
    const badTopic = await editor.api.expectError("GET", `/api/tasks/${split.taskId}/messages/not-the-topic/0/0`);
    expect([badTopic.status, badTopic.body.error?.field]).toEqual([422, "topic"]);
    const past = await editor.api.expectError("GET", `/api/tasks/${split.taskId}/messages/${split.topic}/0/999`);
    expect(past.status).toBe(404);
    const indices = await editor.api.expectError("GET", `/api/tasks/${split.taskId}/indices?limit=101`);
    expect([indices.status, indices.body.error?.field]).toEqual([422, "limit"]);

    // A source over 16 KiB comes without its text in a page, whole when opened.
    const { topic, index } = await suite.freshTopic(1);
    await produce(topic, [{ value: JSON.stringify({ big: "x".repeat(20_000) }) }]);
    const task = await suite.outflow.run({ topics: [topic], index });
    const page = await waitFor("the large document", async () => {
      const p = await editor.api.get<Page>(`/api/tasks/${task.id}/documents`);
      return p.items.length === 1 ? p : null;
    });
    expect(page.items[0]).toMatchObject({ source: null, sourceChars: 20_010 });
    const doc = await editor.api.get<Hit>(`/api/tasks/${task.id}/documents/${index}/${page.items[0]?.id}`);
    expect(doc.source?.length).toBe(20_010);
  });

  it("gives viewers no document or message contents (403 naming the role), the index list only", async () => {
    const hit = (await editor.api.get<Page>(`/api/tasks/${split.taskId}/documents?limit=1`)).items[0] as Hit;
    for (const path of [
      `/api/tasks/${split.taskId}/documents`,
      `/api/tasks/${split.taskId}/documents/${hit.index}/${hit.id}`,
      `/api/tasks/${split.taskId}/messages/${split.topic}/0/0`,
    ]) {
      const err = await viewer.api.expectError("GET", path);
      expect(err).toBeInstanceOf(ApiError);
      expect([err.status, err.body.error?.code, err.body.error?.message], path).toEqual([403, "forbidden", "This needs the editor role; you are a viewer"]);
      expect(JSON.stringify(err.body)).not.toContain("event number");
    }
    expect((await viewer.api.get<IndexList>(`/api/tasks/${split.taskId}/indices`)).items.length).toBe(2);
  });
});
