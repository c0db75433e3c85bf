import { describe, expect, it } from "vitest";
import { mergeLegacyTemplates, throwawaySettings } from "./throwaway-index";

describe("throwawaySettings", () => {
  it("keeps what decides whether a document is taken (mapping limits, analysis, sort), drops pipelines, ILM, blocks and shards", () => {
    const flat = {
      "index.mapping.total_fields.limit": "500",
      "index.mapping.ignore_malformed": "true",
      "index.analysis.analyzer.folded.type": "custom",
      "index.sort.field": "ts",
      "index.default_pipeline": "enrich",
      "index.final_pipeline": "reroute",
      "index.lifecycle.name": "hot-warm",
      "index.blocks.write": "true",
      "index.number_of_shards": "6",
      "index.uuid": "x",
      "index.routing.allocation.include._tier_preference": "data_content",
    };
    expect(throwawaySettings(flat)).toEqual({
      "index.mapping.total_fields.limit": "500",
      "index.mapping.ignore_malformed": "true",
      "index.analysis.analyzer.folded.type": "custom",
      "index.sort.field": "ts",
      "index.number_of_shards": 1,
      "index.number_of_replicas": 0,
      "index.hidden": true,
    });
  });

  it("takes the nested form of a template's settings (`_simulate_index`) as well", () => {
    expect(throwawaySettings({ index: { mapping: { coerce: "false" }, default_pipeline: "p" } })).toEqual({
      "index.mapping.coerce": "false",
      "index.number_of_shards": 1,
      "index.number_of_replicas": 0,
      "index.hidden": true,
    });
  });
});

describe("mergeLegacyTemplates", () => {
  const templates = {
    base: {
      order: 0,
      index_patterns: ["logs-*"],
      settings: { index: { mapping: { coerce: "false" } } },
      mappings: { properties: { n: { type: "long" }, a: { type: "text" } } },
    },
    web: { order: 5, index_patterns: ["logs-web-*", "other"], mappings: { properties: { a: { type: "keyword" } } } },
    all: { order: -1, index_patterns: ["*"], mappings: { properties: { n: { type: "double" }, z: { type: "date" } } } },
    not: { order: 9, index_patterns: ["logs.web-*"], mappings: { properties: { n: { type: "keyword" } } } },
  };

  it("applies the matching ones in ascending order, a later one's fields over the earlier ones'", () => {
    expect(mergeLegacyTemplates("logs-web-2026", templates)).toEqual({
      settings: { "index.mapping.coerce": "false" },
      mappings: { properties: { n: { type: "long" }, a: { type: "keyword" }, z: { type: "date" } } },
    });
  });

  it("`.` in a pattern is a dot, `*` any run; none matching: null", () => {
    expect(mergeLegacyTemplates("metrics", { not: templates.not, web: templates.web })).toBeNull();
  });
});
