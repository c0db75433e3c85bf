import { BlockList, isIP } from "node:net";

/** The reverse proxies whose `X-Forwarded-For` is believed (`OUTFLOW_TRUSTED_PROXIES`): addresses and CIDRs. */
export type TrustedProxies = { readonly list: BlockList; readonly entries: readonly string[] };

/**
 * Parses `OUTFLOW_TRUSTED_PROXIES` (comma-separated, `10.0.0.5,10.1.0.0/16,fd00::/8`); empty: no proxy is trusted.
 * Throws an Error naming the entry that is neither an address nor a CIDR.
 */
export function trustedProxies(setting: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (setting ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(bits ?? "") || prefix > maxBits))) {
      throw new Error(`OUTFLOW_TRUSTED_PROXIES: "${entry}" is neither an IP address nor a CIDR (such as 10.0.0.0/8)`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      list.addSubnet(address, prefix, type);
    }
  }
  return { list, entries };
}

/**
 * The address a request comes from, as far as the server can tell without believing the client: the connection's
 * own address (`peer`) unless that is a trusted proxy; then `X-Forwarded-For` read from the right, skipping the
 * trusted proxies in it, up to the first address that is not one (what a client put further left is its own say).
 * "unknown" without a peer address.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  let current = normalize(peer ?? "");
  if (!current) {
    return "unknown";
  }
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => normalize(s.trim()))
    .reverse();
  for (const hop of hops) {
    if (!isTrusted(current, trusted)) {
      return current;
    }
    if (isIP(hop) === 0) {
      // A hop a trusted proxy passed on that is not an address: the chain is broken here; the last proxy answers for it.
      return current;
    }
    current = hop;
  }
  return current;
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.entries.length > 0 && trusted.list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** `::ffff:10.0.0.1` (an IPv4 client of a dual-stack socket) is 10.0.0.1; `[::1]` and `::1` are one address. */
function normalize(address: string): string {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare)?.[1];
  return (mapped ?? bare).toLowerCase();
}
