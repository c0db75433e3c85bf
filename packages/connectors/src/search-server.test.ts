import { describe, expect, it } from "vitest";
import { describeServer, nodeInfoVersion, serverFromBanner, serverFromNodeVersion } from "./search-server";

describe("search server detection", () => {
  it("reads the banner of Elasticsearch and of OpenSearch", () => {
    expect(serverFromBanner({ version: { number: "7.10.2", build_flavor: "default" }, tagline: "You Know, for Search" })).toEqual({
      distribution: "elasticsearch",
      version: "7.10.2",
      supported: true,
    });
    expect(serverFromBanner({ version: { distribution: "opensearch", number: "3.8.0" } })).toEqual({
      distribution: "opensearch",
      version: "3.8.0",
      supported: true,
    });
    expect(serverFromBanner({ error: "not found" })).toBeNull();
    expect(serverFromBanner("<html>")).toBeNull();
  });

  it("takes a banner only when it says it is a search server: distribution, product header or tagline", () => {
    // Elasticsearch 7.10-7.13 send no X-Elastic-Product header; 7.14 and later do.
    expect(serverFromBanner({ version: { number: "8.19.2" } }, true)).toMatchObject({ distribution: "elasticsearch", version: "8.19.2" });
    expect(serverFromBanner({ version: { number: "8.19.2" } })).toBeNull();
    expect(serverFromBanner({ version: { number: "1.0.0" }, tagline: "My web app" })).toBeNull();
    expect(serverFromBanner({ status: "ok" }, true)).toBeNull();
    expect(
      serverFromBanner({ version: { distribution: "opensearch", number: "1.3.20" }, tagline: "The OpenSearch Project: https://opensearch.org/" }),
    ).toMatchObject({
      distribution: "opensearch",
      supported: true,
    });
  });

  it("reads the node info only in the shape both servers give it", () => {
    expect(nodeInfoVersion({ _nodes: { total: 1 }, cluster_name: "c", nodes: { abc: { version: "8.19.2" } } })).toBe("8.19.2");
    expect(nodeInfoVersion({ nodes: { abc: { version: "8.19.2" } } })).toBeNull();
    expect(nodeInfoVersion({ _nodes: { total: 1 }, cluster_name: "c", nodes: { abc: { version: "latest" } } })).toBeNull();
    expect(nodeInfoVersion({ status: "ok" })).toBeNull();
  });

  it("tells the distributions apart by the node version and the product header when there is no banner", () => {
    expect(serverFromNodeVersion("9.5.3", true)).toMatchObject({ distribution: "elasticsearch", supported: true });
    expect(serverFromNodeVersion("7.10.2", false)).toMatchObject({ distribution: "elasticsearch", supported: true });
    expect(serverFromNodeVersion("2.19.1", false)).toMatchObject({ distribution: "opensearch", supported: true });
  });

  it("marks versions older than Elasticsearch 7.10 and OpenSearch 1.3 unsupported", () => {
    expect(serverFromNodeVersion("7.9.3", false).supported).toBe(false);
    expect(serverFromNodeVersion("1.2.4", false).supported).toBe(false);
    expect(serverFromNodeVersion("1.3.0", false).supported).toBe(true);
    expect(describeServer(serverFromNodeVersion("3.8.0", false))).toBe("OpenSearch 3.8.0");
  });
});
