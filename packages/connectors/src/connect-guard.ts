import { type LookupAddress, type LookupAllOptions, type LookupOneOptions, lookup } from "node:dns";
import type { LookupFunction } from "node:net";
import { networkInterfaces } from "node:os";
import { type ConnectPolicy, judgeDestination, parseConnectPolicy } from "./connect-policy";

export const CONNECT_DENIED = "EOUTFLOW_CONNECT_DENIED";

/**
 * A destination the connect policy refuses; its message names the connection (`connection` is how to call it:
 * `Kafka connection "prod"`), the host and the rule.
 */
export class ConnectDenied extends Error {
  readonly code = CONNECT_DENIED;
  constructor(connection: string, reason: string) {
    super(`${connection}: ${reason}; not connecting`);
    this.name = "ConnectDenied";
  }
}

let cached: { key: string; policy: ConnectPolicy } | null = null;

/** The process's policy, from OUTFLOW_CONNECT_ALLOW / OUTFLOW_CONNECT_DENY (re-read when they change, as tests do). */
export function connectPolicy(): ConnectPolicy {
  const env = { OUTFLOW_CONNECT_ALLOW: process.env.OUTFLOW_CONNECT_ALLOW, OUTFLOW_CONNECT_DENY: process.env.OUTFLOW_CONNECT_DENY };
  const key = JSON.stringify(env);
  if (cached?.key !== key) {
    cached = { key, policy: parseConnectPolicy(env, interfaceAddresses()) };
  }
  return cached.policy;
}

/** This host's interface addresses, but IPv6 link-local ones (reachable only with a scope, never via `::`). */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => i.address)
    .filter((a) => !/^fe[89ab]/i.test(a));
}

/**
 * What can be decided before DNS: a host that is an address itself (sockets skip `lookup` for those) or one a
 * host pattern names. Null when the connection may go ahead (its resolved addresses are judged by the lookup).
 */
export function refusalBeforeDns(connection: string, host: string): ConnectDenied | null {
  const verdict = judgeDestination(connectPolicy(), host);
  return verdict.allowed ? null : new ConnectDenied(connection, verdict.reason);
}

/** A socket `lookup` that resolves as usual, then refuses when any address the name resolved to is denied. */
export function guardedLookup(connection: string): LookupFunction {
  return ((hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (...args: unknown[]) => void) => {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) {
        callback(err);
        return;
      }
      for (const a of addresses) {
        const verdict = judgeDestination(connectPolicy(), hostname, a.address);
        if (!verdict.allowed) {
          callback(new ConnectDenied(connection, verdict.reason));
          return;
        }
      }
      if (options.all) {
        callback(null, addresses);
      } else if (addresses[0]) {
        callback(null, addresses[0].address, addresses[0].family);
      } else {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
      }
    });
  }) as LookupFunction;
}

/** Whether an error (of any client, after its own wrapping) is a refusal by the connect policy. */
export function isConnectDenied(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
  return e?.code === CONNECT_DENIED || e?.cause?.code === CONNECT_DENIED || /; not connecting$/.test(String(e?.message ?? ""));
}
