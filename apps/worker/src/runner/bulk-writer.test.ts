import { esErrors } from "@outflow/connectors/elasticsearch";
import { actionToNdjson, byteLength, type PendingAction } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import { bulkBody, requestFailure } from "./bulk-writer";

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

describe("requestFailure", () => {
  const response = (statusCode: number, body: unknown = { error: { type: "some_exception", reason: "<html>remote page</html>" } }) =>
    new esErrors.ResponseError({ statusCode, body, headers: {}, warnings: null, meta: {} as never });

  it("401/403: the server refused the connection's credentials, retried, never the message's", () => {
    expect(requestFailure(response(401), "logs cluster")).toEqual({
      kind: "transient",
      status: 401,
      reason: "Elasticsearch refused the credentials of connection logs cluster (HTTP 401)",
      server: "retry",
    });
    expect(requestFailure(response(403), "c")).toMatchObject({ kind: "transient", status: 403, server: "retry" });
  });

  it("an untrusted certificate: a TLS failure of the connection, named, retried, never the message's", () => {
    const err = new esErrors.ConnectionError(
      "unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca",
    );
    expect(requestFailure(err, "logs cluster")).toEqual({
      kind: "transient",
      status: 0,
      reason:
        'Elasticsearch connection "logs cluster": TLS: the node\'s certificate is not trusted (unable to verify the first certificate); give the connection the CA certificate that signed it',
      server: "retry",
    });
  });

  it("406/415 and a missing _bulk fail the task, never the messages, and never quote the remote body", () => {
    for (const status of [406, 415, 404, 405]) {
      const r = requestFailure(response(status), "c");
      expect(r).toMatchObject({ kind: "transient", status, server: "fail" });
      expect(JSON.stringify(r)).not.toContain("remote page");
    }
    // What Elasticsearch and OpenSearch answer where a node address's path has no API under it.
    const noBulk = requestFailure(response(400, { error: "no handler found for uri [/proxy/_bulk] and method [POST]" }), "c");
    expect(noBulk).toEqual({
      kind: "transient",
      status: 400,
      reason: "connection c: not Elasticsearch or OpenSearch: the endpoint is missing (HTTP 400)",
      server: "fail",
    });
  });

  it("only 400 and 413 are the request's content; other 4xx are the server's condition", () => {
    expect(requestFailure(response(400, { error: { type: "parse_exception", reason: "bad" } }), "c")).toMatchObject({
      kind: "permanent",
      status: 400,
      type: "parse_exception",
    });
    expect(requestFailure(response(413), "c")).toMatchObject({ kind: "permanent", status: 413 });
    expect(requestFailure(response(408), "c")).toMatchObject({ kind: "transient", status: 408, server: "retry" });
    expect(requestFailure(response(503), "c")).toMatchObject({ kind: "transient", status: 503 });
    expect(requestFailure(new esErrors.ConnectionError("connect ECONNREFUSED 127.0.0.1:1"), "c")).toMatchObject({ kind: "transient", status: 0 });
  });
});
