import "server-only";
import { clientAddress, type TrustedProxies, trustedProxies } from "@outflow/auth/client-address";
import { env } from "./env";
import { PEER_ADDRESS_HEADER } from "./peer-address";

const g = globalThis as unknown as { __outflowTrustedProxies?: TrustedProxies };

/** The address a request comes from: the connection's, or what a trusted proxy (OUTFLOW_TRUSTED_PROXIES) says it is. */
export function requestAddress(headers: Headers): string {
  g.__outflowTrustedProxies ??= trustedProxies(env().OUTFLOW_TRUSTED_PROXIES);
  return clientAddress(headers.get(PEER_ADDRESS_HEADER), headers.get("x-forwarded-for"), g.__outflowTrustedProxies);
}
