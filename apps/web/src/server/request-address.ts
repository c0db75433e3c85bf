import "server-only";
import { clientAddress, type TrustedProxies, trustedProxies } from "@outflow/auth/client-address";
import { env } from "./env";
import { PEER_ADDRESS_HEADER, peerAddressesStamped } from "./peer-address";

const g = globalThis as unknown as { __outflowTrustedProxies?: TrustedProxies };

/**
 * The address a request comes from: the connection's, or what a trusted proxy (OUTFLOW_TRUSTED_PROXIES) says it is;
 * "unknown" (one shared address) if this process does not stamp connection addresses.
 */
export function requestAddress(headers: Headers): string {
  g.__outflowTrustedProxies ??= trustedProxies(env().OUTFLOW_TRUSTED_PROXIES);
  const peer = peerAddressesStamped() ? headers.get(PEER_ADDRESS_HEADER) : null;
  return clientAddress(peer, headers.get("x-forwarded-for"), g.__outflowTrustedProxies);
}
