import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES } from "../../i18n/messages";
import { ISO_FORMAT, indexPatternOf, proposeFields, templateMappings } from "./index-template";

const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "preview.template" });

describe("proposeFields", () => {
  it("proposes a type per field from the sampled documents", () => {
    const docs = [
      {
        clientip: "10.1.2.3",
        v6: "2001:db8::1",
        "@timestamp": "2026-12-07T10:00:00Z",
        logged: "2026-12-07 10:00:00",
        bytes: 512,
        ratio: 0.5,
        ok: true,
        level: "info",
        message: "user signed in from a new device",
        geo: { location: { lat: 45.7, lon: 4.8 } },
        tags: ["a", "b"],
        gone: null,
      },
      { bytes: 1.5, level: "warn" },
    ];
    expect(proposeFields(docs)).toEqual([
      { name: "@timestamp", type: "date", format: ISO_FORMAT },
      { name: "bytes", type: "double" },
      { name: "clientip", type: "ip" },
      { name: "geo.location", type: "geo_point" },
      { name: "level", type: "keyword" },
      { name: "logged", type: "date", format: "yyyy-MM-dd HH:mm:ss" },
      { name: "message", type: "text" },
      { name: "ok", type: "boolean" },
      { name: "ratio", type: "double" },
      { name: "tags", type: "keyword" },
      { name: "v6", type: "ip" },
    ]);
  });

  it("makes a field seen with different kinds of values a keyword", () => {
    expect(proposeFields([{ n: 1 }, { n: "x1" }])).toEqual([{ name: "n", type: "keyword" }]);
  });
});

describe("templateMappings", () => {
  it("nests dotted names into properties, dates with their format", () => {
    expect(
      templateMappings(
        [
          { name: "user.ip", type: "ip" },
          { name: "user.name", type: "keyword" },
          { name: "ts", type: "date", format: "epoch_millis" },
        ],
        t,
      ),
    ).toEqual({
      ok: true,
      mappings: { properties: { user: { properties: { ip: { type: "ip" }, name: { type: "keyword" } } }, ts: { type: "date", format: "epoch_millis" } } },
    });
  });

  it("names a field that is also another's parent, or listed twice", () => {
    expect(
      templateMappings(
        [
          { name: "a", type: "keyword" },
          { name: "a.b", type: "long" },
        ],
        t,
      ),
    ).toEqual({ ok: false, issues: [{ field: "fields.1.name", message: "a is a keyword: it cannot hold a.b" }] });
    expect(
      templateMappings(
        [
          { name: "a.b", type: "long" },
          { name: "a", type: "keyword" },
        ],
        t,
      ),
    ).toEqual({ ok: false, issues: [{ field: "fields.1.name", message: "a holds other fields (a.…): it cannot also be a keyword" }] });
    expect(
      templateMappings(
        [
          { name: "x", type: "long" },
          { name: "x", type: "long" },
        ],
        t,
      ),
    ).toEqual({ ok: false, issues: [{ field: "fields.1.name", message: "x is listed twice" }] });
  });
});

describe("indexPatternOf", () => {
  it("makes the task's index names a pattern", () => {
    expect(indexPatternOf("logs-{$.app}-{$.env}", false)).toBe("logs-*-*");
    expect(indexPatternOf("logs", true)).toBe("logs*");
    expect(indexPatternOf("logs", false)).toBe("logs");
  });
});
