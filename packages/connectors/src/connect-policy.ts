import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Source = "OUTFLOW_CONNECT_ALLOW" | "OUTFLOW_CONNECT_DENY" | "default";

/** One entry of a policy list: a CIDR (or a single address), or a host pattern (`kafka.example.com`, `*.internal`). */
export type ConnectRule = { text: string } & ({ kind: "cidr"; range: [Address, number] } | { kind: "host"; exact: string } | { kind: "host"; suffix: string });

/**
 * Where the server may connect. `allow: null` allows everything not denied. `local`: this host's own addresses
 * (loopback and its interfaces), what a connection to the unspecified address (`0.0.0.0`, `::`) reaches.
 */
export type ConnectPolicy = { allow: ConnectRule[] | null; deny: ConnectRule[]; defaults: ConnectRule[]; local: Address[] };

/** Loopback: always among this host's addresses, whatever its interfaces are. */
export const LOOPBACK = ["127.0.0.1", "::1"];

export type ConnectVerdict = { allowed: true } | { allowed: false; reason: string };

/** Link-local and cloud metadata endpoints: denied unless OUTFLOW_CONNECT_ALLOW names them. Loopback is allowed. */
export const DEFAULT_DENY = ["169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "metadata.google.internal"];

const HOST_PATTERN = /^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** A host as written in a broker list or node URL, compared in lower case, without brackets or a trailing dot. */
export function normalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

/**
 * The address a host denotes by itself, without DNS: dotted quads, IPv6, and the forms resolvers also accept
 * (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`); IPv4-mapped IPv6 counts as its IPv4 address.
 */
export function literalAddress(host: string): Address | null {
  const h = normalHost(host);
  if (!ipaddr.isValid(h)) {
    return null;
  }
  return ipaddr.process(h);
}

function parseRule(entry: string): ConnectRule | string {
  const text = entry.trim().toLowerCase();
  if (text.includes("/")) {
    try {
      const [addr, bits] = ipaddr.parseCIDR(text);
      // Addresses are compared as IPv4 when they are IPv4-mapped, so a mapped range is too.
      if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
        return { text, kind: "cidr", range: [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96] };
      }
      return { text, kind: "cidr", range: [addr, bits] };
    } catch {
      return `"${entry.trim()}" is not a CIDR (e.g. 10.0.0.0/8 or fd00::/8)`;
    }
  }
  const addr = literalAddress(text);
  if (addr) {
    return { text, kind: "cidr", range: [addr, addr.kind() === "ipv4" ? 32 : 128] };
  }
  if (!HOST_PATTERN.test(text)) {
    return `"${entry.trim()}" is neither a CIDR, an address nor a host pattern (kafka.example.com, *.internal)`;
  }
  return text.startsWith("*.") ? { text, kind: "host", suffix: text.slice(1) } : { text, kind: "host", exact: text };
}

/** A comma-separated list; each bad entry is an issue naming the variable. */
export function parseRules(variable: string, list: string): { rules: ConnectRule[]; issues: { field: string; message: string }[] } {
  const rules: ConnectRule[] = [];
  const issues: { field: string; message: string }[] = [];
  for (const entry of list.split(",").filter((e) => e.trim() !== "")) {
    const r = parseRule(entry);
    if (typeof r === "string") {
      issues.push({ field: variable, message: r });
    } else {
      rules.push(r);
    }
  }
  return { rules, issues };
}

/**
 * The policy from the two variables (unset or empty: no list); throws an Error naming every bad entry.
 * `localAddresses`: this host's interface addresses (loopback is added).
 */
export function parseConnectPolicy(env: { OUTFLOW_CONNECT_ALLOW?: string; OUTFLOW_CONNECT_DENY?: string }, localAddresses: string[] = []): ConnectPolicy {
  const allow = env.OUTFLOW_CONNECT_ALLOW?.trim() ? parseRules("OUTFLOW_CONNECT_ALLOW", env.OUTFLOW_CONNECT_ALLOW) : null;
  const deny = parseRules("OUTFLOW_CONNECT_DENY", env.OUTFLOW_CONNECT_DENY ?? "");
  const issues = [...(allow?.issues ?? []), ...deny.issues];
  if (issues.length > 0) {
    throw new Error(issues.map((i) => `${i.field}: ${i.message}`).join("; "));
  }
  const local = [...new Set([...LOOPBACK, ...localAddresses])].map(literalAddress).filter((a): a is Address => a !== null);
  return { allow: allow?.rules ?? null, deny: deny.rules, defaults: parseRules("default", DEFAULT_DENY.join(",")).rules, local };
}

const TRANSLATED = ipaddr.parseCIDR("::ffff:0:0:0/96") as [ipaddr.IPv6, number];
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96") as [ipaddr.IPv6, number];
const v4 = (n: number) => ipaddr.fromByteArray([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]) as ipaddr.IPv4;

/**
 * The IPv4 address an IPv6 address carries, where the packets end up: IPv4-compatible (`::a.b.c.d`, not `::` or
 * `::1`), IPv4-translated (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::/96`), 6to4 (`2002:AABB:CCDD::/48`) and Teredo
 * (`2001:0::/32`, the client's address: the last 32 bits inverted). IPv4-mapped addresses are IPv4 already
 * (`literalAddress`).
 */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = Array.from({ length: 8 }, (_, i) => address.parts[i] ?? 0);
  const bits32 = (hi: number, lo: number) => (((p[hi] ?? 0) << 16) | (p[lo] ?? 0)) >>> 0;
  const last32 = bits32(6, 7);
  if (p.slice(0, 6).every((x) => x === 0)) {
    return last32 > 1 ? v4(last32) : null;
  }
  if (address.match(TRANSLATED) || address.match(NAT64)) {
    return v4(last32);
  }
  if (p[0] === 0x2002) {
    return v4(bits32(1, 2));
  }
  if (p[0] === 0x2001 && p[1] === 0) {
    return v4((last32 ^ 0xffffffff) >>> 0);
  }
  return null;
}

type Reached = { address: Address; via?: string };

/**
 * Every address a connection to `address` may reach, each judged by the policy: the address itself, the IPv4
 * address it carries, and for the unspecified address (`0.0.0.0/8`, `::`) this host's own addresses.
 */
function reachedAddresses(address: Address, local: Address[]): Reached[] {
  const out: Reached[] = [{ address }];
  const carried = address.kind() === "ipv6" ? embeddedIPv4(address as ipaddr.IPv6) : null;
  if (carried) {
    out.push({ address: carried });
  }
  if ((carried ?? address).range() === "unspecified") {
    out.push(...local.map((a) => ({ address: a, via: "this host" })));
  }
  return out;
}

function matches(rule: ConnectRule, host: string, address: Address | null): boolean {
  if (rule.kind === "cidr") {
    return address !== null && address.kind() === rule.range[0].kind() && address.match(rule.range);
  }
  return "exact" in rule ? host === rule.exact : host.endsWith(rule.suffix);
}

/**
 * Whether the server may connect to `host` at `address` (a resolved address; for a host that is an address
 * itself, that one). Without an address (before DNS) only what the host alone decides is final: a name that no
 * rule names yet passes here, and its addresses are judged once resolved. An address is judged by what it reaches
 * (`reachedAddresses`): it passes only when each of those passes.
 */
export function judgeDestination(policy: ConnectPolicy, rawHost: string, rawAddress?: string): ConnectVerdict {
  const host = normalHost(rawHost);
  const address = rawAddress !== undefined ? literalAddress(rawAddress) : literalAddress(host);
  if (!address) {
    return judgeAddress(policy, host, null, host);
  }
  for (const reached of reachedAddresses(address, policy.local)) {
    const spelled = address.toString();
    const parts = [spelled !== host ? spelled : "", reached.via ?? "", reached.address.toString() !== spelled ? reached.address.toString() : ""];
    const where = parts.filter((part) => part !== "").join(", ");
    const verdict = judgeAddress(policy, host, reached.address, where ? `${host} (${where})` : host);
    if (!verdict.allowed) {
      return verdict;
    }
  }
  return { allowed: true };
}

function judgeAddress(policy: ConnectPolicy, host: string, address: Address | null, where: string): ConnectVerdict {
  const resolved = address !== null;
  const deny = (source: Source, rule: ConnectRule): ConnectVerdict => ({
    allowed: false,
    reason:
      source === "default"
        ? `${where} is denied by default (link-local and cloud metadata addresses: ${rule.text}); OUTFLOW_CONNECT_ALLOW can allow it`
        : `${where} is denied by ${source} ${rule.text}`,
  });
  const denied = policy.deny.find((r) => matches(r, host, address));
  if (denied) {
    return deny("OUTFLOW_CONNECT_DENY", denied);
  }
  const allowedBy = policy.allow?.find((r) => matches(r, host, address));
  if (policy.allow && !allowedBy) {
    if (!resolved) {
      return { allowed: true };
    }
    return { allowed: false, reason: `${where} is not allowed by OUTFLOW_CONNECT_ALLOW ${policy.allow.map((r) => r.text).join(",")}` };
  }
  const byDefault = policy.defaults.find((r) => matches(r, host, address));
  if (byDefault && !(allowedBy && overrides(allowedBy, byDefault))) {
    return deny("default", byDefault);
  }
  return { allowed: true };
}

/**
 * An allow entry lifts a default denial only when it names that destination as narrowly: `169.254.169.254`,
 * `169.254.0.0/16` or `metadata.google.internal` do; `0.0.0.0/0` or `*.internal` do not.
 */
function overrides(allow: ConnectRule, byDefault: ConnectRule): boolean {
  if (allow.kind === "cidr") {
    return byDefault.kind === "cidr" ? allow.range[1] >= byDefault.range[1] : false;
  }
  return "exact" in allow;
}
