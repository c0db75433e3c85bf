import { describe, expect, it } from "vitest";
import { localizeError, localizeIssue } from "./localize-error";
import { type ServerSentence, serverError, serverIssue } from "./server-error";

/**
 * The tasks', held messages', explorer's and dead letters' English before their sentences had keys (the old template
 * literals with sample values): a contract for scripts, so each must render byte for byte.
 */
const BEFORE: [ServerSentence, Record<string, string | number | bigint>, string][] = [
  ["configTooLarge", { bytes: 300000, limit: 262144 }, "The config is 300000 bytes as JSON, over the limit of 262144 (256 KiB)"],
  ["configBytesLimit", { limit: 262144 }, "At most 262144 bytes as JSON"],
  ["connectionNotFound", { id: "c-1" }, 'No connection with id "c-1"'],
  ["connectionWrongKind", { name: "es", kind: "elasticsearch", expected: "kafka" }, 'Connection "es" is an Elasticsearch connection; expected Kafka'],
  ["connectionWrongKind", { name: "reg", kind: "schema_registry", expected: "kafka" }, 'Connection "reg" is a schema registry connection; expected Kafka'],
  ["connectionWrongKind", { name: "k", kind: "kafka", expected: "elasticsearch" }, 'Connection "k" is a Kafka connection; expected Elasticsearch'],
  [
    "connectionWrongKind",
    { name: "reg", kind: "schema_registry", expected: "elasticsearch" },
    'Connection "reg" is a schema registry connection; expected Elasticsearch',
  ],
  [
    "formatNeedsTaskRegistry",
    { format: "avro", connection: "local" },
    'avro is read through a schema registry: Kafka connection "local" names none (pick one on the connection, or another format)',
  ],
  ["stopBeforeStartPosition", {}, "Stop the task before changing its start position (or use reset-offsets on a stopped task)"],
  ["cannotChangeWhileRunning", {}, "Cannot change while the task runs"],
  ["configVersionNotFound", { id: "t-1", version: 7 }, 'Task "t-1" has no config version 7'],
  ["configVersionInvalid", { version: "0x" }, 'No config version "0x": versions are 1, 2, 3…'],
  ["stopBeforeReset", {}, "Stop the task (and wait for status stopped) before resetting its offsets"],
  ["notTaskTopic", { topic: "orders" }, `"orders" is not one of the task's topics`],
  ["taskNameTaken", { name: "Orders" }, 'A task named "Orders" already exists'],
  ["taskNameTakenAs", { name: "Orders", existing: "orders" }, 'A task named "Orders" already exists (as "orders": names are compared ignoring case)'],
  ["heldNoMessage", { topic: "orders", partition: 2 }, "orders[2] holds no message"],
  ["heldOtherOffset", { topic: "orders", partition: 2, held: "41", offset: "40" }, "orders[2] holds offset 41, not 40"],
  ["heldTaskStarting", {}, "The task is starting again: its consumers try the held message themselves"],
  ["noHeldMessage", {}, "The task holds no message to retry"],
  [
    "deleteStopTimedOut",
    { name: "Orders", seconds: 0.5 },
    'Task "Orders" is stopping, but its consumers did not finish their last batch within 0.5 s; it stays stopped: delete it again once its status is stopped',
  ],
  ["searchConnectionGone", {}, "The task's search connection is gone; edit the task's sink"],
  ["searchRefused", { reason: "failed to parse {x} 'y' <z>" }, "The search server refused the search: failed to parse {x} 'y' <z>"],
  ["searchConnectionHttp", { connection: "es", status: "503", reason: "no master" }, 'Search connection "es" answered HTTP 503: no master'],
  ["searchConnectionHttp", { connection: "es", status: "undefined", reason: "x" }, 'Search connection "es" answered HTTP undefined: x'],
  ["searchConnectionNoAnswer", { connection: "es", reason: "connect ECONNREFUSED" }, 'Search connection "es" did not answer: connect ECONNREFUSED'],
  ["indexNotTaskIndex", { index: "other", shape: "orders_<yyyy.MM.dd>" }, `Index "other" is not one of this task's (orders_<yyyy.MM.dd>)`],
  ["documentNotFound", { id: "d-1", index: "orders" }, 'No document "d-1" in index "orders"'],
  ["taskReadsOtherTopics", { topics: "a, b", topic: "c" }, 'The task reads a, b, not "c"'],
  ["kafkaConnectionGone", {}, "The task's Kafka connection is gone; edit the task's source"],
  [
    "noMessageAtOffset",
    { offset: "12", topic: "orders", partition: 0 },
    "No message at offset 12 of orders/0 (past the end, or deleted by retention or compaction)",
  ],
  ["deadLetterNotFound", { partition: 1, offset: "9" }, "No dead letter of this task at partition 1, offset 9 of its dead-letter topic"],
  ["groupNoLetters", { group: "g1", records: 40, topic: "dlq" }, "No letters of group g1 among the 40 records of dlq"],
  ["groupNoLettersNewest", { group: "g1", scanned: 10, records: 40, topic: "dlq" }, "No letters of group g1 among the newest 10 of 40 records of dlq"],
  ["letterNotFound", { partition: 1, offset: "9", records: 40, topic: "dlq" }, "No letter of this task at partition 1, offset 9 among the 40 records of dlq"],
  [
    "letterNotFoundNewest",
    { partition: 1, offset: "9", scanned: 10, records: 40, topic: "dlq" },
    "No letter of this task at partition 1, offset 9 among the newest 10 of 40 records of dlq",
  ],
  ["letterNamedTwice", {}, "This letter is named twice"],
  ["aggregationCannotReplay", {}, "Aggregation tasks cannot replay letters: each write depends on the group's stored document"],
  ["allReplayedBefore", { replays: "r-1, r-2" }, "Every selected letter was replayed before (by replay r-1, r-2); send force: true to replay them again"],
  ["lettersReplayedBefore", {}, "the letters were replayed before"],
  ["someReplayedBefore", { count: 3, replays: "r-1" }, "3 of the selected letters were replayed before (by replay r-1); send force: true to replay them again"],
  ["someLettersReplayedBefore", {}, "some letters were replayed before"],
  ["replayNotFound", { replay: "r-1", task: "t-1" }, 'No replay with id "r-1" of task "t-1"'],
  ["deadLettersNeedPolicy", { policy: "discard" }, `This task's failure policy is "discard": dead letters are kept under the dead_letter policy only`],
  ["deadLetterConnectionGone", {}, "The task's dead-letter Kafka connection no longer exists"],
];

describe("the tasks' and dead letters' English sentences", () => {
  it.each(BEFORE)("%s renders as before", (key, params, english) => {
    expect(serverError("conflict", key, params).message).toBe(english);
    expect(serverIssue("f", key, params).message).toBe(english);
  });

  it("the console words them in Chinese, with the kind of a connection in Chinese too", () => {
    const wrong = serverIssue("config.sink.connectionId", "connectionWrongKind", { name: "reg", kind: "schema_registry", expected: "elasticsearch" });
    expect(localizeIssue(wrong, "zh-CN")).toBe("连接“reg”是模式注册中心连接；此处需要 Elasticsearch 连接");
    const taken = serverError("conflict", "taskNameTakenAs", { name: "Orders", existing: "orders" }, [serverIssue("name", "nameInUseIssue")]);
    const zh = localizeError({ code: taken.code, message: taken.message, ...taken.words, issues: taken.issues ?? [] }, "zh-CN");
    expect(zh.message).toBe("名为“Orders”的任务已存在（即“orders”：名称比较时不区分大小写）");
  });
});
