import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import { describe, expect, it } from "vitest";
import { type BulkResponseItem, classifyItem, type ItemResult } from "./bulk-result";

describe("classifyItem", () => {
  it.each<[string, BulkResponseItem | undefined, ItemResult]>([
    ["index 201", { index: { status: 201, result: "created" } }, { kind: "ok", effect: "created" }],
    ["index 200", { index: { status: 200, result: "updated" } }, { kind: "ok", effect: "updated" }],
    ["create 201", { create: { status: 201 } }, { kind: "ok", effect: "created" }],
    ["index 200 without a result", { index: { status: 200 } }, { kind: "ok", effect: "updated" }],
    ["delete 200 without a result", { delete: { status: 200 } }, { kind: "ok", effect: "deleted" }],
    ["update 200", { update: { status: 200, result: "noop" } }, { kind: "ok", effect: "updated" }],
    ["delete 200", { delete: { status: 200, result: "deleted" } }, { kind: "ok", effect: "deleted" }],
    ["delete 404 (already gone)", { delete: { status: 404, result: "not_found" } }, { kind: "ok", effect: "none" }],
    [
      "index 404 (index missing, auto-create off): the cluster's condition, retried",
      { index: { status: 404, error: { type: "index_not_found_exception", reason: "no such index [logs]" } } },
      { kind: "transient", status: 404, reason: "the server refuses writes to this index: index_not_found_exception: no such index [logs]", server: "retry" },
    ],
    [
      "index 403 (write block): the cluster's condition, retried",
      { index: { status: 403, error: { type: "cluster_block_exception", reason: "index [logs] blocked by: [FORBIDDEN/8/index write (api)];" } } },
      {
        kind: "transient",
        status: 403,
        reason: "the server refuses writes to this index: cluster_block_exception: index [logs] blocked by: [FORBIDDEN/8/index write (api)];",
        server: "retry",
      },
    ],
    [
      "index 400 on a closed index: the cluster's condition, retried",
      { index: { status: 400, error: { type: "index_closed_exception", reason: "closed" } } },
      { kind: "transient", status: 400, reason: "the server refuses writes to this index: index_closed_exception: closed", server: "retry" },
    ],
    [
      "update 404 is not ok",
      { update: { status: 404, error: { type: "document_missing_exception", reason: "[7]: document missing" } } },
      { kind: "permanent", status: 404, type: "document_missing_exception", reason: "[7]: document missing" },
    ],
    [
      "409 version conflict",
      { index: { status: 409, error: { type: "version_conflict_engine_exception", reason: "[7]: version conflict" } } },
      { kind: "permanent", status: 409, type: "version_conflict_engine_exception", reason: "[7]: version conflict" },
    ],
    [
      "400 mapping error",
      { index: { status: 400, error: { type: "document_parsing_exception", reason: "failed to parse field [n]" } } },
      { kind: "permanent", status: 400, type: "document_parsing_exception", reason: "failed to parse field [n]" },
    ],
    [
      "400 dynamic mapping race (7.x, OpenSearch: two writes mapped a new field at once): sent again",
      { index: { status: 400, error: { type: "illegal_argument_exception", reason: "mapper [amount] cannot be changed from type [float] to [long]" } } },
      {
        kind: "transient",
        status: 400,
        reason:
          "field [amount] mapped as [float] refused a [long] value (another write mapping the new field at the same time, or this document's own values): mapper [amount] cannot be changed from type [float] to [long]",
        conflict: { field: "amount", mapped: "float", value: "long" },
      },
    ],
    [
      "400 other illegal argument: the document's, final",
      { index: { status: 400, error: { type: "illegal_argument_exception", reason: "Limit of total fields [1000] has been exceeded" } } },
      { kind: "permanent", status: 400, type: "illegal_argument_exception", reason: "Limit of total fields [1000] has been exceeded" },
    ],
    [
      "400 mapper conflict of another type: final",
      { index: { status: 400, error: { type: "mapper_parsing_exception", reason: "mapper [amount] cannot be changed from type [float] to [long]" } } },
      { kind: "permanent", status: 400, type: "mapper_parsing_exception", reason: "mapper [amount] cannot be changed from type [float] to [long]" },
    ],
    ["400 with a string error", { index: { status: 400, error: "bad thing" } }, { kind: "permanent", status: 400, type: "error", reason: "bad thing" }],
    ["400 without an error", { index: { status: 400 } }, { kind: "permanent", status: 400, type: "error", reason: "status 400" }],
    [
      "429 rejected",
      { index: { status: 429, error: { type: "es_rejected_execution_exception", reason: "queue full" } } },
      { kind: "transient", status: 429, reason: "es_rejected_execution_exception: queue full" },
    ],
    ["500", { index: { status: 500, error: { reason: "boom" } } }, { kind: "transient", status: 500, reason: "error: boom" }],
    ["502", { update: { status: 502 } }, { kind: "transient", status: 502, reason: "error: status 502" }],
    [
      "503 unavailable shards",
      { delete: { status: 503, error: { type: "unavailable_shards_exception", reason: "primary shard is not active" } } },
      { kind: "transient", status: 503, reason: "unavailable_shards_exception: primary shard is not active" },
    ],
    ["delete 503 is not ok", { delete: { status: 503 } }, { kind: "transient", status: 503, reason: "error: status 503" }],
    ["missing item", undefined, { kind: "transient", status: 0, reason: "no result for this item in the bulk response" }],
    ["empty item", {}, { kind: "transient", status: 0, reason: "no result for this item in the bulk response" }],
  ])("%s", (_, item, expected) => {
    expect(mapStrings(classifyItem(item), plainReason)).toEqual(expected);
  });
});
