import { describe, expect, it } from "vitest";
import { throwawaySettings } from "./throwaway-index";

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
