import { describe, expect, it } from "vitest";
import { compileTemplate, type Template } from "./template";

function template(source: string): Template {
  const r = compileTemplate(source);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.template;
}

const render = (source: string, record: unknown) => {
  const r = template(source).render(record);
  return r.ok ? r.value : `!${r.reason}`;
};

describe("compileTemplate", () => {
  it.each([
    ["logs", {}, "logs", 0],
    ["logs-{$.app}", { app: "shop" }, "logs-shop", 1],
    ["logs-{app}", { app: "shop" }, "logs-shop", 1],
    ["{app}-{env}", { app: "shop", env: "prod" }, "shop-prod", 2],
    ["{$.meta.app}", { meta: { app: "shop" } }, "shop", 1],
    ["{$.tags[1]}", { tags: ["a", "b"] }, "b", 1],
    ["{$['app name']}", { "app name": "shop" }, "shop", 1],
    ["n-{n}", { n: 42 }, "n-42", 1],
    ["b-{b}", { b: false }, "b-false", 1],
    ["e-{e}", { e: "" }, "e-", 1],
    ["a{{b}}c", {}, "a{b}c", 0],
    ["{{{app}}}", { app: "x" }, "{x}", 1],
  ])("%s with %j → %s", (source, record, expected, fields) => {
    expect(template(source).fields).toHaveLength(fields);
    expect(render(source, record)).toBe(expected);
  });

  it.each([
    ["logs-{app", "unclosed '{' at position 5"],
    ["logs-app}", "unexpected '}' at position 8"],
    ["logs-{}", "field reference at position 5"],
    ["logs-{a..b}", "field reference at position 5"],
    ["logs-{a b}", "field reference at position 5"],
  ])("rejects %j (%s)", (source, reason) => {
    const r = compileTemplate(source);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
    }
  });

  it.each([
    [{}, "!field $.app is missing"],
    [{ app: null }, "!field $.app is missing"],
    [{ app: { x: 1 } }, "!field $.app is an object, not a value"],
    [{ app: ["x"] }, "!field $.app is an array, not a value"],
    [null, "!field $.app is missing"],
    ["text", "!field $.app is missing"],
  ])("renders %j with a reason when the field is unusable", (record, expected) => {
    expect(render("logs-{$.app}", record)).toBe(expected);
  });
});
