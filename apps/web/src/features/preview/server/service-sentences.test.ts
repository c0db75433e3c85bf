import { describe, expect, it } from "vitest";
import { localizeError, localizeIssue } from "../../../lib/http/localize-error";
import { type ServerSentence, serverError, serverIssue } from "../../../lib/http/server-error";
import { overTimeMessage } from "./preview-job";

/**
 * The English the services of connections, preview, users, tokens, webhooks and setup said before their sentences
 * moved to the errors catalogue, byte for byte (scripts match it): each written as the services wrote it.
 */
const name = "orders";
const ENGLISH: [ServerSentence, Record<string, string | number>, string][] = [
  ["connectionNotFound", { id: "c-1" }, `No connection with id "c-1"`],
  ["connectionKindFixed", { kind: "kafka" }, `A connection's kind cannot change (it is kafka)`],
  ["connectionInUse", { count: 2, names: "a, b" }, `Connection is used by 2 task(s): a, b; delete or edit them first`],
  ["registryInUse", { count: 1, names: "k" }, `Schema registry is used by 1 Kafka connection(s): k; pick another registry for them first`],
  ["topicsOnlyOnKafka", { kind: "elasticsearch" }, `Topics exist only on Kafka connections; this is an Elasticsearch connection`],
  ["topicsOnlyOnKafka", { kind: "schema_registry" }, `Topics exist only on Kafka connections; this is a schema registry connection`],
  ["connectionNameTaken", { name }, `A connection named "${name}" already exists`],
  ["connectionNameTakenAs", { name, existing: "Orders" }, `A connection named "${name}" already exists (as "Orders": names are compared ignoring case)`],
  ["nameInUseIssue", {}, "Name is already in use"],
  ["notARegistry", { name, kind: "kafka" }, `Connection "${name}" is a Kafka connection, not a schema registry`],
  ["notARegistry", { name, kind: "elasticsearch" }, `Connection "${name}" is an Elasticsearch connection, not a schema registry`],
  ["connectionNotOfKind", { name, kind: "kafka" }, `Connection "${name}" is not a Kafka connection`],
  ["connectionNotOfKind", { name, kind: "elasticsearch" }, `Connection "${name}" is not a search connection`],
  ["dryRunsRunning", { count: 4 }, `4 dry runs are running: try again in a moment`],
  [
    "dryRunShapeFailed",
    { name, reason: "timed out", index: "logs-1" },
    `Search connection "${name}": timed out (reading logs-1's mapping, or making its throw-away copy)`,
  ],
  ["dryRunWriteFailed", { name, reason: "timed out" }, `Search connection "${name}": timed out (writing to the throw-away indices)`],
  ["dryRunsBusy", { detail: "2 running and 8 waiting" }, `Too many dry runs at once (2 running and 8 waiting): try again in a moment`],
  ["dryRunOutOfMemory", {}, "the dry run's pipeline needed more than 256 MiB of memory: dry-run fewer messages"],
  ["samplesOnlyFromKafka", {}, "Samples come from Kafka connections; this is an Elasticsearch connection"],
  [
    "previewsBusy",
    { detail: "2 running and 8 waiting" },
    `Too many previews at once (2 running and 8 waiting; OUTFLOW_PREVIEW_THREADS): try again in a moment`,
  ],
  ["previewOverTime", { budgetMs: 5000 }, `${overTimeMessage(5000)}: preview fewer or smaller messages, or fewer rules`],
  ["previewOutOfMemory", { mb: 256 }, `the preview needed more than 256 MiB of memory: preview fewer or smaller messages, or fewer rules`],
  ["previewOverBudget", { reason: "the output is over 5 MB" }, `the output is over 5 MB: preview fewer or smaller messages, or fewer rules`],
  [
    "sampledMessageTooLarge",
    { topic: "t", partition: 0, offset: "12", length: 300000, max: 262144 },
    `The sampled message t/0 at offset 12 has 300000 characters; a sample or preview shows at most 262144 per message`,
  ],
  ["notSearchConnection", { name }, `Connection "${name}" is not an Elasticsearch or OpenSearch connection`],
  ["templateExistsOn", { name: "tpl", connection: name }, `An index template named tpl exists on "${name}": choose another name, or replace it`],
  ["templateExists", { name: "tpl" }, `An index template named tpl exists: choose another name, or replace it`],
  ["templateRefused", { connection: name, reason: "bad mapping" }, `"${name}" refused the template: bad mapping`],
  ["noRegistry", {}, "this Kafka connection names no schema registry (pick one on the connection)"],
  ["formatNeedsRegistry", { format: "avro" }, `avro is read through a schema registry: this Kafka connection names none (pick one on the connection)`],
  ["userEmailTaken", { email: "a@b.c" }, `A user with email "a@b.c" already exists`],
  ["alreadyInUse", {}, "Already in use"],
  ["userNotFound", { id: "u-1" }, `No user with id "u-1"`],
  ["ownAdminRole", {}, "You cannot take the admin role from yourself"],
  ["anotherAdmin", {}, "Another admin must do this"],
  ["deleteSelf", {}, "You cannot delete yourself"],
  ["lastAdmin", {}, "This is the last admin; make another user an admin first"],
  ["theLastAdmin", {}, "The last admin"],
  ["allTokensAdminOnly", {}, "Only admins see everyone's tokens"],
  ["tokenNotFound", { id: "t-1" }, `No token with id "t-1"`],
  ["webhookNameTaken", { name }, `A webhook named "${name}" already exists`],
  ["webhookNotFound", { id: "w-1" }, `No webhook with id "w-1"`],
  ["firstAdminExists", {}, "The first admin already exists: sign in, or ask an admin for an account"],
  ["setupLinkInvalid", {}, "This setup link is unknown, used or expired: restart `npm start` for a new one"],
  ["setupTokenInvalid", {}, "Unknown, used or expired"],
];

describe("the services' server sentences", () => {
  it.each(ENGLISH)("%s %o keeps its English", (key, params, english) => {
    expect(serverError("conflict", key, params).message).toBe(english);
    expect(serverIssue("f", key, params).message).toBe(english);
  });

  it("words a kind in Chinese, not the English phrase", () => {
    const e = serverError("unprocessable_entity", "topicsOnlyOnKafka", { kind: "schema_registry" });
    expect(localizeError({ code: e.code, message: e.message, ...e.words, issues: [] }, "zh-CN").message).toBe("只有 Kafka 连接才有主题；这是模式注册中心连接");
  });

  it("keys an issue by its catalogue path, which the console words in Chinese", () => {
    const issue = serverIssue("schemaRegistryId", "notARegistry", { name, kind: "elasticsearch" });
    expect(issue).toMatchObject({ key: "server.notARegistry", params: { name, kind: "elasticsearch" } });
    expect(localizeIssue(issue, "zh-CN")).toBe(`连接“${name}”是 Elasticsearch 连接，不是模式注册中心`);
  });
});
