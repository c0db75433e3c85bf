import { describe, expect, it } from "vitest";
import { embeddedIPv4, judgeDestination, literalAddress, parseConnectPolicy } from "./connect-policy";

const policy = (allow?: string, deny?: string, local: string[] = []) => parseConnectPolicy({ OUTFLOW_CONNECT_ALLOW: allow, OUTFLOW_CONNECT_DENY: deny }, local);
const reason = (p: ReturnType<typeof policy>, host: string, address?: string) => {
  const v = judgeDestination(p, host, address);
  return v.allowed ? "allowed" : v.reason;
};

describe("connect policy", () => {
  it("allows loopback and ordinary hosts by default, denies link-local and cloud metadata", () => {
    const p = policy();
    expect(reason(p, "127.0.0.1")).toBe("allowed");
    expect(reason(p, "[::1]")).toBe("allowed");
    expect(reason(p, "kafka.example.com", "10.1.2.3")).toBe("allowed");
    expect(reason(p, "169.254.169.254")).toBe(
      "169.254.169.254 is denied by default (link-local and cloud metadata addresses: 169.254.0.0/16); OUTFLOW_CONNECT_ALLOW can allow it",
    );
    expect(reason(p, "fe80::1")).toMatch(/denied by default .*fe80::\/10/);
    expect(reason(p, "fd00:ec2::254")).toMatch(/denied by default .*fd00:ec2::254\/128/);
    expect(reason(p, "metadata.google.internal")).toMatch(/^metadata\.google\.internal is denied by default .*metadata\.google\.internal/);
    expect(reason(p, "METADATA.google.internal.")).toMatch(/denied by default/);
    // A name judged after DNS resolution, by its address.
    expect(reason(p, "rebind.example.com", "169.254.169.254")).toMatch(/^rebind\.example\.com \(169\.254\.169\.254\) is denied by default/);
  });

  it("reads decimal, hex, octal and short IPv4 forms and IPv4-mapped IPv6 as the address they denote", () => {
    expect(literalAddress("2130706433")?.toString()).toBe("127.0.0.1");
    expect(literalAddress("0x7f000001")?.toString()).toBe("127.0.0.1");
    expect(literalAddress("0177.0.0.1")?.toString()).toBe("127.0.0.1");
    expect(literalAddress("127.1")?.toString()).toBe("127.0.0.1");
    expect(literalAddress("[::ffff:169.254.169.254]")?.toString()).toBe("169.254.169.254");
    expect(literalAddress("kafka.internal")).toBeNull();
    const p = policy();
    expect(reason(p, "2852039166")).toMatch(/^2852039166 \(169\.254\.169\.254\) is denied by default/);
    expect(reason(p, "0xa9fea9fe")).toMatch(/denied by default/);
    expect(reason(p, "::ffff:a9fe:a9fe")).toMatch(/denied by default/);
    expect(reason(policy(undefined, "127.0.0.2/32"), "0x7f000002")).toBe("0x7f000002 (127.0.0.2) is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32");
  });

  it("denies by CIDR (v4 and v6, IPv4-mapped ranges too) and by host pattern", () => {
    const p = policy(undefined, "10.0.0.0/8, fd00::/8, ::ffff:192.168.0.0/112, *.internal, db.example.com");
    expect(reason(p, "10.200.0.1")).toBe("10.200.0.1 is denied by OUTFLOW_CONNECT_DENY 10.0.0.0/8");
    expect(reason(p, "11.0.0.1")).toBe("allowed");
    expect(reason(p, "fd12::1")).toBe("fd12::1 is denied by OUTFLOW_CONNECT_DENY fd00::/8");
    expect(reason(p, "fe00::1", "fc00::1")).toBe("allowed");
    expect(reason(p, "192.168.3.4")).toBe("192.168.3.4 is denied by OUTFLOW_CONNECT_DENY ::ffff:192.168.0.0/112");
    expect(reason(p, "kafka.prod.internal")).toBe("kafka.prod.internal is denied by OUTFLOW_CONNECT_DENY *.internal");
    expect(reason(p, "internal")).toBe("allowed");
    expect(reason(p, "DB.example.com")).toBe("db.example.com is denied by OUTFLOW_CONNECT_DENY db.example.com");
    expect(reason(p, "ok.example.com", "10.0.0.5")).toBe("ok.example.com (10.0.0.5) is denied by OUTFLOW_CONNECT_DENY 10.0.0.0/8");
  });

  it("with an allow list, allows only what it names; a name waits for its addresses", () => {
    const p = policy("127.0.0.1/32, *.es.example.com", "bad.es.example.com");
    expect(reason(p, "127.0.0.1")).toBe("allowed");
    expect(reason(p, "127.0.0.2")).toBe("127.0.0.2 is not allowed by OUTFLOW_CONNECT_ALLOW 127.0.0.1/32,*.es.example.com");
    expect(reason(p, "node1.es.example.com", "10.9.9.9")).toBe("allowed");
    expect(reason(p, "bad.es.example.com", "127.0.0.1")).toBe("bad.es.example.com (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY bad.es.example.com");
    // Before DNS a name no entry names is not decided yet; its resolved address is.
    expect(reason(p, "localhost")).toBe("allowed");
    expect(reason(p, "localhost", "127.0.0.1")).toBe("allowed");
    expect(reason(p, "localhost", "::1")).toMatch(/^localhost \(::1\) is not allowed by OUTFLOW_CONNECT_ALLOW/);
  });

  it("lifts a default denial only for an allow entry that names it as narrowly", () => {
    expect(reason(policy("169.254.169.254"), "169.254.169.254")).toBe("allowed");
    expect(reason(policy("169.254.0.0/16"), "169.254.1.1")).toBe("allowed");
    expect(reason(policy("0.0.0.0/0"), "169.254.169.254")).toMatch(/denied by default/);
    expect(reason(policy("*.internal"), "metadata.google.internal")).toMatch(/denied by default/);
    expect(reason(policy("metadata.google.internal"), "metadata.google.internal", "169.254.169.254")).toBe("allowed");
  });

  it("judges an address by what it reaches, not by its spelling", () => {
    const p = policy(undefined, "127.0.0.0/8,::1,10.9.0.0/16", ["10.9.8.7", "fd00::2"]);
    // [host, what the denial names]
    const table: [string, string][] = [
      // The unspecified address connects to this host: loopback and its own addresses.
      ["0.0.0.0", "0.0.0.0 (this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["0", "0 (0.0.0.0, this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["0.0.0.7", "0.0.0.7 (this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["[::]", ":: (this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["::ffff:0.0.0.0", "::ffff:0.0.0.0 (0.0.0.0, this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      // IPv4 carried in IPv6: compatible, NAT64, 6to4, Teredo (client address inverted).
      ["::7f00:1", "::7f00:1 (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["64:ff9b::7f00:1", "64:ff9b::7f00:1 (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["[64:ff9b::127.0.0.1]", "64:ff9b::127.0.0.1 (64:ff9b::7f00:1, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["2002:7f00:1::1", "2002:7f00:1::1 (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:4136:e378:8000:63bf:80ff:fffe (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["::ffff:0:7f00:1", "::ffff:0:7f00:1 (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8"],
      ["::1", "::1 is denied by OUTFLOW_CONNECT_DENY ::1"],
      ["0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1 (::1) is denied by OUTFLOW_CONNECT_DENY ::1"],
    ];
    for (const [host, denial] of table) {
      expect([host, reason(p, host)]).toEqual([host, denial]);
    }
    // This host's interface address: denied through 0.0.0.0 when its range is, even with loopback allowed.
    expect(reason(policy(undefined, "10.9.0.0/16", ["10.9.8.7"]), "0.0.0.0")).toBe(
      "0.0.0.0 (this host, 10.9.8.7) is denied by OUTFLOW_CONNECT_DENY 10.9.0.0/16",
    );
    expect(reason(policy(undefined, "fd00::/8", ["fd00::2"]), "::")).toBe(":: (this host, fd00::2) is denied by OUTFLOW_CONNECT_DENY fd00::/8");
    // A name resolving to the unspecified address or to an address carrying a denied IPv4 is judged the same way.
    expect(reason(p, "evil.example.com", "::")).toBe("evil.example.com (::, this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8");
    expect(reason(p, "evil.example.com", "64:ff9b::7f00:1")).toBe(
      "evil.example.com (64:ff9b::7f00:1, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8",
    );
    // Ordinary addresses of those ranges that carry an allowed IPv4 pass.
    expect(reason(p, "2002:0808:0808::1")).toBe("allowed");
    expect(reason(p, "64:ff9b::8.8.8.8")).toBe("allowed");
    expect(reason(p, "2001:db8::1")).toBe("allowed");
  });

  it("denies every IPv6 spelling of the metadata address by default", () => {
    const p = policy();
    for (const host of [
      "::a9fe:a9fe",
      "[::169.254.169.254]",
      "::ffff:169.254.169.254",
      "64:ff9b::a9fe:a9fe",
      "64:ff9b::169.254.169.254",
      "2002:a9fe:a9fe::",
      "2002:a9fe:a9fe:1234::1",
      "2001:0:4136:e378:8000:63bf:5601:5601",
    ]) {
      expect([host, reason(p, host)]).toEqual([host, expect.stringMatching(/\(.*169\.254\.169\.254\) is denied by default .*169\.254\.0\.0\/16/)]);
    }
    expect(reason(policy("64:ff9b::a9fe:a9fe,169.254.169.254"), "64:ff9b::a9fe:a9fe")).toBe("allowed");
    // With an allow list, both the IPv6 address and the IPv4 it carries must be allowed.
    expect(reason(policy("64:ff9b::/96"), "64:ff9b::a00:1")).toBe("64:ff9b::a00:1 (10.0.0.1) is not allowed by OUTFLOW_CONNECT_ALLOW 64:ff9b::/96");
    expect(reason(policy("64:ff9b::/96,10.0.0.0/8"), "64:ff9b::a00:1")).toBe("allowed");
  });

  it("reads the IPv4 address each embedding carries", () => {
    const carried = (a: string) => embeddedIPv4(literalAddress(a) as never)?.toString() ?? null;
    expect(carried("::c000:22d")).toBe("192.0.2.45");
    expect(carried("::ffff:0:c000:22d")).toBe("192.0.2.45");
    expect(carried("64:ff9b::c000:22d")).toBe("192.0.2.45");
    expect(carried("2002:c000:22d::1")).toBe("192.0.2.45");
    expect(carried("2001:0:4136:e378:8000:63bf:3fff:fdd2")).toBe("192.0.2.45");
    expect(carried("::1")).toBeNull();
    expect(carried("::")).toBeNull();
    expect(carried("2001:db8::c000:22d")).toBeNull();
    expect(carried("64:ff9c::c000:22d")).toBeNull();
  });

  it("refuses bad entries, naming the variable and the entry", () => {
    expect(() => policy("10.0.0.0/33")).toThrow('OUTFLOW_CONNECT_ALLOW: "10.0.0.0/33" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/8)');
    expect(() => policy(undefined, "ok.example.com, kafka:9092, *")).toThrow(
      /OUTFLOW_CONNECT_DENY: "kafka:9092" is neither a CIDR.*; OUTFLOW_CONNECT_DENY: "\*" is neither/,
    );
    expect(policy("", " ").allow).toBeNull();
  });
});
