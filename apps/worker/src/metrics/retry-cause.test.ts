import { esErrors as errors } from "@outflow/connectors/elasticsearch";
import { searchFailure } from "@outflow/connectors/search-failure";
import { classifyItem } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import { requestFailure } from "../runner/bulk-writer";
import { itemRetryCause, requestRetryCause } from "./retry-cause";

const item = (status: number, type?: string, reason = "r") => ({ index: { status, ...(type ? { error: { type, reason } } : {}) } });

describe("itemRetryCause", () => {
  it("names the cause of each item classifyItem sends again", () => {
    const cases: [ReturnType<typeof item> | undefined, string][] = [
      [item(429, "es_rejected_execution_exception"), "rejected_429"],
      [item(503, "unavailable_shards_exception"), "server_5xx"],
      [item(403, "cluster_block_exception"), "index_unavailable"],
      [item(404, "index_not_found_exception"), "index_unavailable"],
      [item(400, "index_closed_exception"), "index_unavailable"],
      [item(403, "security_exception"), "auth"],
      [item(400, "illegal_argument_exception", "mapper [n] cannot be changed from type [float] to [long]"), "mapping_race"],
      [undefined, "incomplete_response"],
    ];
    for (const [i, cause] of cases) {
      expect(classifyItem(i).kind, JSON.stringify(i)).toBe("transient");
      expect(itemRetryCause(i), JSON.stringify(i)).toBe(cause);
    }
  });
});

describe("requestRetryCause", () => {
  const response = (statusCode: number) =>
    new errors.ResponseError({ body: { error: { type: "x" } }, statusCode, headers: {}, warnings: null, meta: {} as never });
  const causeOf = (err: unknown) => requestRetryCause(searchFailure(err), requestFailure(err, "es"));

  it("names the cause of a whole request's failure that is retried", () => {
    expect(causeOf(response(429))).toBe("rejected_429");
    expect(causeOf(response(502))).toBe("server_5xx");
    expect(causeOf(response(401))).toBe("auth");
    expect(causeOf(new errors.TimeoutError("timed out"))).toBe("timeout");
    expect(causeOf(new errors.ConnectionError("connect ECONNREFUSED 127.0.0.1:9200"))).toBe("connection");
    expect(causeOf(new errors.ConnectionError("self-signed certificate in certificate chain"))).toBe("tls");
  });

  it("is null when the request's items are not sent again: a 400 or 413 is final, a 404 fails the task", () => {
    expect(causeOf(response(400))).toBeNull();
    expect(causeOf(response(413))).toBeNull();
    expect(causeOf(response(404))).toBeNull();
  });
});
