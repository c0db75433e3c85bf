import { ElasticsearchConnectionInput } from "@outflow/schemas/connection";
import { describe, expect, it } from "vitest";
import { discoverLink } from "./dashboards-link";

describe("discoverLink", () => {
  it("opens Discover on the index and the document, quoted for KQL and Rison", () => {
    const url = discoverLink("https://kibana.example.com/", "logs_20261207", `it's "x"!`);
    expect(url.startsWith("https://kibana.example.com/app/discover#/?_g=")).toBe(true);
    const a = decodeURIComponent(url.split("&_a=")[1] ?? "");
    expect(a).toBe(`(query:(language:kuery,query:'_index:"logs_20261207" and _id:"it!'s \\"x\\"!!"'))`);
  });

  it("without an id, the index alone", () => {
    expect(decodeURIComponent(discoverLink("http://k:5601", "a").split("&_a=")[1] ?? "")).toBe(`(query:(language:kuery,query:'_index:"a"'))`);
  });
});

describe("dashboardsUrl of a search connection", () => {
  const base = { kind: "elasticsearch", name: "es", nodes: ["http://127.0.0.1:9200"] };
  it("is an optional http(s) URL without credentials", () => {
    expect(ElasticsearchConnectionInput.parse({ ...base, dashboardsUrl: "https://kibana.example.com" }).dashboardsUrl).toBe("https://kibana.example.com");
    expect(ElasticsearchConnectionInput.parse(base).dashboardsUrl).toBeUndefined();
    for (const bad of ["javascript:alert(1)", "kibana", "https://u:p@kibana.example.com"]) {
      const r = ElasticsearchConnectionInput.safeParse({ ...base, dashboardsUrl: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["dashboardsUrl"]);
    }
  });
});
