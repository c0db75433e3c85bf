import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "./client-address";

describe("clientAddress", () => {
  const none = trustedProxies(undefined);
  const proxies = trustedProxies("10.0.0.5, 10.1.0.0/16,fd00::/8");

  it("without trusted proxies is the connection's address, whatever X-Forwarded-For says", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", none)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:192.0.2.4", "203.0.113.9, 10.0.0.5", none)).toBe("192.0.2.4");
    expect(clientAddress(undefined, "203.0.113.9", none)).toBe("unknown");
  });

  it("from a trusted proxy is the rightmost X-Forwarded-For entry that is not a trusted proxy", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // A client's own X-Forwarded-For, appended to by the proxy: the proxy's entry wins.
    expect(clientAddress("10.0.0.5", "198.51.100.1, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.1.4.4", proxies)).toBe("203.0.113.9");
    expect(clientAddress("fd00::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
    // From an address that is not a proxy, X-Forwarded-For is the client's say only.
    expect(clientAddress("192.0.2.4", "203.0.113.9", proxies)).toBe("192.0.2.4");
  });

  it("a proxy passing on something that is not an address answers for it itself", () => {
    expect(clientAddress("10.0.0.5", "x-evil", proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "", proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "10.1.0.1", proxies)).toBe("10.1.0.1");
  });
});

describe("trustedProxies", () => {
  it("refuses an entry that is neither an address nor a CIDR, naming it", () => {
    expect(() => trustedProxies("10.0.0.0/8,proxy.internal")).toThrow(/"proxy\.internal" is neither/);
    expect(() => trustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trustedProxies("10.0.0.0/8/1")).toThrow(/neither/);
    expect(trustedProxies(" ").entries).toEqual([]);
  });
});
