import { AppError } from "@outflow/schemas/errors";
import { describe, expect, it } from "vitest";
import { readJsonBody } from "./json-body";

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("readJsonBody", () => {
  const limits = { maxBytes: 1000 };

  it("parses JSON within the limits", async () => {
    expect(await readJsonBody(post('{"a":[1,{"b":"c"}]}'), limits)).toEqual({ a: [1, { b: "c" }] });
  });

  it("refuses empty and non-JSON bodies with 400", async () => {
    expect((await failure(readJsonBody(post(""), limits))).code).toBe("bad_request");
    expect((await failure(readJsonBody(post("{x"), limits))).code).toBe("bad_request");
  });

  it("refuses a body over the limit (413), by Content-Length or while streaming", async () => {
    expect((await failure(readJsonBody(post("1", { "content-length": "5000" }), limits))).code).toBe("payload_too_large");
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) {
          c.enqueue(new TextEncoder().encode(" ".repeat(100)));
        }
        c.close();
      },
    });
    expect((await failure(readJsonBody(post(chunks), limits))).code).toBe("payload_too_large");
  });

  it("refuses nesting deeper than the limit (422), also 10,000 levels, naming where", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const e = await failure(readJsonBody(post(deep), { maxBytes: 100_000 }));
    expect(e.code).toBe("unprocessable_entity");
    expect(e.message).toContain("Nested more than 64 levels");
    const e2 = await failure(readJsonBody(post('{"a":{"b":{"c":1}}}'), { maxBytes: 1000, maxDepth: 2 }));
    expect(e2.field).toBe("a.b");
  });

  it("refuses NUL in strings and keys, naming the field, unless allowed", async () => {
    const e = await failure(readJsonBody(post('{"config":{"rules":[{"value":"a\\u0000b"}]}}'), limits));
    expect(e.code).toBe("unprocessable_entity");
    expect(e.field).toBe("config.rules.0.value");
    expect((await failure(readJsonBody(post('{"a\\u0000":1}'), limits))).field).toBe("a\\u0000");
    expect(await readJsonBody(post('{"v":"a\\u0000b"}'), { ...limits, allowNul: true })).toEqual({ v: "a\u0000b" });
  });

  it("refuses a number a double would change (422 naming the field), and takes every number a double holds", async () => {
    const err = await failure(readJsonBody(post('{"config":{"rules":[{"value":9007199254740993}]}}'), limits));
    expect(err.code).toBe("unprocessable_entity");
    expect(err.issues).toEqual([
      {
        field: "config.rules.0.value",
        message: expect.stringContaining("9007199254740993 has more digits than a 64-bit floating-point number holds exactly"),
        key: "server.numberInexact",
        params: { reason: expect.stringContaining("9007199254740993 has more digits") },
      },
    ]);
    expect((await failure(readJsonBody(post('{"x":0.1000000000000000055511151231257827}'), limits))).code).toBe("unprocessable_entity");
    // The same values as doubles: other forms of a number a double holds exactly are read as that double.
    expect(await readJsonBody(post('{"a":2140.0,"b":1e5,"c":-0,"d":9007199254740992,"e":10.50,"f":"9007199254740993"}'), limits)).toEqual({
      a: 2140,
      b: 100000,
      c: -0,
      d: 9007199254740992,
      e: 10.5,
      f: "9007199254740993",
    });
  });
});
