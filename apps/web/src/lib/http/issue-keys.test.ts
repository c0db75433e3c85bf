import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { safeCompileTask } from "@outflow/pipeline";
import { IssueList, type Problem } from "@outflow/pipeline/compile-issues";
import { compileDatePattern } from "@outflow/pipeline/date-format";
import { indexNameIssue } from "@outflow/pipeline/index-name";
import { compileCondition } from "@outflow/pipeline/rules/conditions";
import { compileValueTransform } from "@outflow/pipeline/rules/value-transforms";
import { AlertRules } from "@outflow/schemas/alerts";
import { UpdateUserRequest } from "@outflow/schemas/api/auth";
import { DocumentsQuery, IndicesQuery } from "@outflow/schemas/api/explorer";
import { SampleWindowQuery, WireMessage } from "@outflow/schemas/api/preview";
import { TaskConfigVersionQuery } from "@outflow/schemas/api/responses";
import { TaskListQuery } from "@outflow/schemas/api/task-list";
import { EventsQuery, ResetOffsetsRequest } from "@outflow/schemas/api/tasks";
import { CreateWebhookRequest, UpdateWebhookRequest } from "@outflow/schemas/api/webhooks";
import { ElasticsearchConnectionInput, KafkaConnectionInput, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { type Issue, issuesFromZod } from "@outflow/schemas/errors";
import { reservedNameIssues } from "@outflow/schemas/reserved-names";
import { Condition, type Rule } from "@outflow/schemas/rules";
import { TopicName } from "@outflow/schemas/task-config";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { catalogueMessage, localizeIssue } from "./localize-error";

/**
 * Every message the shared schemas and the compile word themselves, keyed for translation: the errors catalogue's
 * English with the issue's arguments is the server's message word for word, and its Chinese is Chinese.
 */

const zodIssues = (schema: z.ZodType, value: unknown): Issue[] => {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesFromZod(r.error);
};
type Parts = { source?: object; parse?: object; sink?: object; rules?: unknown[]; failure?: object };
const compileIssues = (parts: Parts): Issue[] => {
  const r = safeCompileTask({
    source: { connectionId: "k", topics: ["orders"], ...parts.source },
    sink: { connectionId: "e", index: "orders", ...parts.sink },
    ...(parts.parse ? { parse: parts.parse } : {}),
    ...(parts.rules ? { rules: parts.rules } : {}),
    ...(parts.failure ? { failure: parts.failure } : {}),
  });
  return r.ok ? [] : r.issues;
};
const aggregation = (agg: object, sink: object = {}) => compileIssues({ sink: { index: "agg", aggregation: agg, ...sink } });
const listed = (fill: (issues: IssueList) => unknown): Issue[] => {
  const issues = new IssueList();
  fill(issues);
  return issues.items;
};
const BIG = "99999999999999999999";
const esNode = "http://127.0.0.1:9200";

/** [the key, how an input makes it]: several rows for a key whose words depend on its arguments. */
const CASES: [string, () => Issue[]][] = [
  ["schema.topic.dotName", () => zodIssues(TopicName, "..")],
  ["schema.source.topicsRepeat", () => compileIssues({ source: { topics: ["a", "a"] } })],
  ["schema.outputName.reserved", () => aggregation({ groupBy: [{ field: "a", as: "outflow_a" }] })],
  ["schema.window.sizeRange", () => aggregation({ groupBy: ["a"], window: { size: "2d", time: { type: "kafka_timestamp" } } })],
  ["schema.task.cdcWithAggregation", () => compileIssues({ sink: { cdc: { format: "debezium", primaryKey: ["id"] }, aggregation: { groupBy: ["a"] } } })],
  ["schema.task.cdcWithDocumentId", () => compileIssues({ sink: { cdc: { format: "debezium", primaryKey: ["id"] }, documentId: { type: "kafka_key" } } })],
  ["schema.task.windowStartWithoutWindow", () => compileIssues({ sink: { dateSplit: { format: "yyyy", source: { type: "window_start" } } } })],
  ["schema.task.aggregationWithDocumentId", () => aggregation({ groupBy: ["a"] }, { documentId: { type: "kafka_key" } })],
  ["schema.task.tombstonesDeleteWithCdc", () => compileIssues({ parse: { tombstones: "delete" }, sink: { cdc: { format: "debezium", primaryKey: ["id"] } } })],
  ["schema.task.tombstonesDeleteNeedsKafkaKey", () => compileIssues({ parse: { tombstones: "delete" } })],
  ["schema.connection.brokerIpv6", () => zodIssues(KafkaConnectionInput, { kind: "kafka", name: "k", brokers: ["[::1]:9092"] })],
  ["schema.connection.brokerHostPort", () => zodIssues(KafkaConnectionInput, { kind: "kafka", name: "k", brokers: ["localhost"] })],
  ["schema.connection.brokerPortRange", () => zodIssues(KafkaConnectionInput, { kind: "kafka", name: "k", brokers: ["kafka:70000"] })],
  ["schema.connection.nodeCredentials", () => zodIssues(ElasticsearchConnectionInput, { kind: "elasticsearch", name: "e", nodes: ["http://u:p@es:9200"] })],
  [
    "schema.connection.urlCredentials",
    () => zodIssues(ElasticsearchConnectionInput, { kind: "elasticsearch", name: "e", nodes: [esNode], dashboardsUrl: "https://u:p@kibana.example.com" }),
  ],
  [
    "schema.connection.registryCredentials",
    () => zodIssues(SchemaRegistryConnectionInput, { kind: "schema_registry", name: "r", urls: ["http://u:p@r:8081"] }),
  ],
  ["schema.connection.registryQuery", () => zodIssues(SchemaRegistryConnectionInput, { kind: "schema_registry", name: "r", urls: ["http://r:8081/?x=1"] })],
  ["schema.alerts.webhooksRepeat", () => zodIssues(AlertRules, { webhookIds: ["w", "w"] })],
  ["schema.reservedNames.internalTopic", () => reservedNameIssues(names(["__consumer_offsets"], "logs"), { name: "prod kafka" }, { name: "prod es" })],
  ["schema.reservedNames.systemIndex", () => reservedNameIssues(names(["orders"], ".kibana"), { name: "prod kafka" }, { name: "prod es" })],
  ["schema.reservedNames.deadLetterTopic", () => reservedNameIssues(names(["orders"], "logs", "_dlq"), { name: "prod kafka" }, { name: "prod es" })],
  ["schema.users.roleOrPassword", () => zodIssues(UpdateUserRequest, {})],
  ["schema.explorer.pageNumber", () => zodIssues(IndicesQuery, { offset: "x" })],
  ["schema.explorer.instant", () => zodIssues(DocumentsQuery, { field: "t", from: "yesterday" })],
  ["schema.explorer.timeFieldRequired", () => zodIssues(DocumentsQuery, { from: "2026-12-07" })],
  ["schema.explorer.pageDepth", () => zodIssues(DocumentsQuery, { offset: "9990", limit: "20" })],
  ["schema.explorer.toBeforeFrom", () => zodIssues(DocumentsQuery, { field: "t", from: "2026-12-07", to: "2026-12-06" })],
  ["schema.preview.timestampRange", () => zodIssues(WireMessage, { timestamp: "99999999999999999", value: null })],
  ["schema.preview.base64", () => zodIssues(WireMessage, { value: "abc", valueEncoding: "base64" })],
  ["schema.preview.offsetRequired", () => zodIssues(SampleWindowQuery, { connectionId: "k", topics: "a", position: "offset", partition: "0" })],
  ["schema.preview.partitionRequired", () => zodIssues(SampleWindowQuery, { connectionId: "k", topics: "a", position: "offset", offset: "5" })],
  ["schema.preview.timestampRequired", () => zodIssues(SampleWindowQuery, { connectionId: "k", topics: "a", position: "timestamp" })],
  ["schema.preview.topicRequired", () => zodIssues(SampleWindowQuery, { connectionId: "k", topics: "a,b", partition: "0" })],
  ["schema.preview.topicNotSampled", () => zodIssues(SampleWindowQuery, { connectionId: "k", topics: "a,b", topic: "c" })],
  ["schema.versions.limitWithConfig", () => zodIssues(TaskConfigVersionQuery, { config: "true", limit: "10" })],
  ["schema.taskList.status", () => zodIssues(TaskListQuery, { status: "failed,nope" })],
  ["schema.taskList.nul", () => zodIssues(TaskListQuery, { q: "a\u0000" })],
  ["schema.tasks.offsetTooLarge", () => zodIssues(ResetOffsetsRequest, { type: "offsets", offsets: [{ topic: "a", partition: 0, offset: BIG }] })],
  ["schema.tasks.afterTooLarge", () => zodIssues(EventsQuery, { after: BIG })],
  ["schema.tasks.beforeTooLarge", () => zodIssues(EventsQuery, { before: BIG })],
  ["schema.tasks.afterOrBefore", () => zodIssues(EventsQuery, { after: "1", before: "2" })],
  ["schema.webhooks.urlCredentials", () => zodIssues(CreateWebhookRequest, { name: "h", url: "https://u:p@hooks.example.com/x", secret: "s".repeat(16) })],
  ["schema.webhooks.eventsRepeat", () => zodIssues(UpdateWebhookRequest, { events: ["firing", "firing"] })],
  ["schema.webhooks.atLeastOne", () => zodIssues(UpdateWebhookRequest, {})],
  ["compile.cdcFormat", () => compileIssues({ parse: { format: { type: "kv" } }, sink: { cdc: { format: "debezium", primaryKey: ["id"] } } })],
  [
    "compile.tombstonesFixedIndex",
    () => compileIssues({ parse: { tombstones: "delete" }, sink: { index: "logs-{$.app}", documentId: { type: "kafka_key" } } }),
  ],
  ["compile.deadLetterIsSource", () => compileIssues({ failure: { policy: "dead_letter", topic: "orders" } })],
  ["compile.incrementalNeedsId", () => compileIssues({ sink: { writeMode: "incremental" } })],
  ["compile.rules.headerName", () => compileIssues({ rules: [{ type: "metadata", field: "h", source: "header" }] })],
  ["compile.rules.endBeforeStart", () => compileIssues({ rules: [{ type: "substring", field: "v", start: 5, end: 2 }] })],
  // Not reachable through the schema (its rule types are a closed union): a rule type the compile does not know.
  ["compile.rules.unknownType", () => listed((issues) => compileValueTransform({ type: "shout", field: "v" } as unknown as Rule, issues, "rules.0"))],
  ["compile.rules.hashTarget", () => compileIssues({ rules: [{ type: "hash", fields: ["a", "b"] }] })],
  ["compile.condition.numberValue", () => listed((issues) => compileCondition(Condition.parse({ field: "a", op: "gt", value: "five" }), issues, "c"))],
  ["compile.condition.stringValue", () => listed((issues) => compileCondition(Condition.parse({ field: "a", op: "contains", value: 1 }), issues, "c"))],
  ["compile.condition.scalarValue", () => listed((issues) => compileCondition(Condition.parse({ field: "a", op: "equals" }), issues, "c"))],
  ["compile.rules.wholeRecord", () => compileIssues({ rules: [{ type: "lowercase", field: "$" }] })],
  ["compile.path.nameAfterDot", () => compileIssues({ rules: [{ type: "lowercase", field: "a..b" }] })],
  ["compile.path.indexTooLarge", () => compileIssues({ rules: [{ type: "add", field: "$.arr[3000000]", value: 1 }] })],
  ["compile.path.bracket", () => compileIssues({ rules: [{ type: "lowercase", field: "a[x]" }] })],
  ["compile.path.unexpected", () => compileIssues({ rules: [{ type: "lowercase", field: "$a" }] })],
  ["compile.timeZone.offsetRange", () => compileIssues({ sink: { dateSplit: { format: "yyyy", source: { type: "kafka_timestamp" }, timeZone: "+19:00" } } })],
  ["compile.timeZone.unknown", () => compileIssues({ sink: { dateSplit: { format: "yyyy", source: { type: "kafka_timestamp" }, timeZone: "Mars/Olympus" } } })],
  // Longer than any schema lets through: the helper's own bound.
  ["compile.datePattern.tooLong", () => listed((issues) => issues.addProblem("format", compileDatePattern("y".repeat(101)) as Problem))],
  ["compile.datePattern.unterminatedQuote", () => compileIssues({ rules: [{ type: "parse_date", field: "t", format: "yyyy 'at" }] })],
  ["compile.datePattern.letter", () => compileIssues({ rules: [{ type: "parse_date", field: "t", format: "yyyy-QQ" }] })],
  ["compile.datePattern.noYear", () => compileIssues({ rules: [{ type: "parse_date", field: "t", format: "MM-dd" }] })],
  // The schema's own minimum length comes first: the helper's.
  ["compile.indexName.empty", () => listed((issues) => issues.addProblem("index", indexNameIssue("") as Problem))],
  ["compile.indexName.lowercase", () => compileIssues({ sink: { index: "Logs" } })],
  ["compile.indexName.forbidden", () => compileIssues({ sink: { index: "logs*" } })],
  ["compile.indexName.forbidden", () => compileIssues({ sink: { index: "my logs" } })],
  ["compile.indexName.start", () => compileIssues({ sink: { index: "_logs" } })],
  ["compile.indexName.dots", () => compileIssues({ sink: { index: ".." } })],
  ["compile.indexName.tooLong", () => compileIssues({ sink: { index: "日".repeat(90) } })],
  ["compile.indexName.templateForbidden", () => compileIssues({ sink: { index: "logs #{$.app}" } })],
  ["compile.indexName.templateForbidden", () => compileIssues({ sink: { index: "logs|{$.app}" } })],
  ["compile.indexName.templateLowercase", () => compileIssues({ sink: { index: "Logs-{$.app}" } })],
  ["compile.indexName.templateStart", () => compileIssues({ sink: { index: "+logs-{$.app}" } })],
  ["compile.template.unclosed", () => compileIssues({ sink: { index: "logs-{$.app" } })],
  ["compile.template.unexpectedClose", () => compileIssues({ sink: { index: "logs-}" } })],
  ["compile.aggregation.nameTaken", () => aggregation({ groupBy: ["a.app", "b.app"] })],
  ["compile.aggregation.nameTaken", () => aggregation({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", as: "count" }] })],
  [
    "compile.aggregation.nameTaken",
    () =>
      aggregation({
        groupBy: ["app"],
        metrics: [
          { field: "a.ms", ops: ["sum"] },
          { field: "b.ms", ops: ["sum"] },
        ],
      }),
  ],
  [
    "compile.aggregation.nameTaken",
    () => aggregation({ groupBy: [{ field: "app", as: "window_start" }], window: { size: "1m", time: { type: "kafka_timestamp" } } }),
  ],
  [
    "compile.aggregation.nameTaken",
    () => aggregation({ groupBy: [{ field: "app", as: "window_end" }], window: { size: "1m", time: { type: "kafka_timestamp" } } }),
  ],
  ["compile.aggregation.endInName", () => aggregation({ groupBy: ["a[0]"] })],
  ["compile.aggregation.fnOrOps", () => aggregation({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", ops: ["sum"] }] })],
  ["compile.aggregation.opsField", () => aggregation({ groupBy: ["app"], metrics: [{ ops: ["sum"] }] })],
  ["compile.aggregation.chooseFunction", () => aggregation({ groupBy: ["app"], metrics: [{ field: "x" }] })],
  ["compile.aggregation.byFirstLast", () => aggregation({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", by: { field: "ts" } }] })],
  ["compile.aggregation.fnField", () => aggregation({ groupBy: ["app"], metrics: [{ fn: "avg" }] })],
];

function names(topics: string[], index: string, deadLetter?: string) {
  return { source: { topics }, sink: { index }, failure: deadLetter ? { policy: "dead_letter", topic: deadLetter } : { policy: "retain" } };
}

/** Latin words a Chinese message may hold: product and technical names, and the API's own keys and values. */
const LATIN_ALLOWED = new Set(
  (
    "CDC ID URL JSON Kafka IPv6 ISO NUL Broker Webhook IANA Asia Shanghai UTC yyyy base64 avro protobuf json_schema upsert outflow_ window_start documentId " +
    "sink.aggregation.window tombstones skip fail kafka_key host:port auth type basic username password apiKey bearer token " +
    "allowInternalTopics allowSystemIndices role name url events secret enabled from to q offset limit position=offset " +
    "position=timestamp config=true after before end start fn as ops by count sum min max avg first last A-Z a-z"
  ).split(" "),
);

/** Latin words of `text`, the issue's own arguments (names and values from the input) left out, that are not allowed names. */
function latinLeft(text: string, params: Issue["params"]): string[] {
  const latin = (s: string) => s.match(/(?<!\w)[A-Za-z][\w.:=-]*\w/g) ?? [];
  const own = new Set(Object.values(params ?? {}).flatMap((v) => latin(String(v))));
  return latin(text).filter((w) => !LATIN_ALLOWED.has(w) && !own.has(w));
}

const keyed = CASES.map(([key, make]) => {
  const issue = make().find((i) => i.key === key);
  return { key, issue };
});

describe("keyed custom issues", () => {
  it.each(keyed)("$key: its input gives an issue with the key, worded in English as the server words it", ({ key, issue }) => {
    expect(issue, key).toBeDefined();
    if (issue) {
      expect(catalogueMessage(key, issue.params ?? {}, "en")).toBe(issue.message);
      expect(localizeIssue(issue, "en")).toBe(issue.message);
    }
  });

  it.each(keyed)("$key: worded in Chinese without English left", ({ issue }) => {
    if (!issue) {
      return;
    }
    const zh = localizeIssue(issue, "zh-CN");
    expect(zh).toMatch(/\p{Script=Han}/u);
    expect(latinLeft(zh, issue.params)).toEqual([]);
  });

  it("covers every key the schemas and the compile give", () => {
    const root = join(import.meta.dirname, "../../../../../packages");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
      });
    const named = new Set(
      ["schemas/src", "pipeline/src"].flatMap((d) =>
        files(join(root, d)).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/["'`]((?:schema|compile)\.[A-Za-z0-9.]+)["'`]/g)].map((m) => m[1] as string)),
      ),
    );
    expect(named.size).toBeGreaterThan(50);
    expect([...named].filter((k) => !CASES.some(([key]) => key === k))).toEqual([]);
  });
});
