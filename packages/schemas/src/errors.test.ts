import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesFromZod } from "./errors";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) {
    throw new Error("expected a failure");
  }
  return issuesFromZod(r.error);
};

describe("issuesFromZod", () => {
  it("gives each zod issue a key and the issue's own fields as arguments", () => {
    const schema = z.strictObject({ name: z.string().min(3), n: z.int().max(5), mode: z.enum(["a", "b"]), s: z.string(), at: z.string() });
    const issues = issuesOf(schema, { name: "x", n: 9, mode: "c", s: 5, extra: 1 });
    expect(issues).toEqual([
      { field: "name", message: expect.any(String), key: "zod.too_small", params: { origin: "string", minimum: 3, inclusive: true } },
      { field: "n", message: expect.any(String), key: "zod.too_big", params: { origin: "number", maximum: 5, inclusive: true } },
      { field: "mode", message: expect.any(String), key: "zod.invalid_value", params: { values: ["a", "b"] } },
      { field: "s", message: expect.any(String), key: "zod.invalid_type", params: { expected: "string", received: "number" } },
      { field: "at", message: "Required (string)", key: "required", params: { expected: "string" } },
      { field: "extra", message: 'Unknown field "extra" (check its spelling and place)', key: "unknownField", params: { name: "extra" } },
    ]);
  });

  it("takes a schema's own message key from the issue's params, and gives none without one", () => {
    const keyed = z.string().refine((s) => s.startsWith("a"), { message: "Must start with a", params: { messageKey: "startsWithA", letter: "a" } });
    expect(issuesOf(keyed, "b")).toEqual([{ field: "", message: "Must start with a", key: "startsWithA", params: { letter: "a" } }]);
    expect(
      issuesOf(
        z.string().refine(() => false, "No"),
        "b",
      ),
    ).toEqual([{ field: "", message: "No" }]);
  });
});
