import { describe, expect, it } from "vitest";
import { describeServer, serverFromBanner, serverFromNodeVersion } from "./search-server";

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
