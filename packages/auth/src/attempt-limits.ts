/** At most `max` failures within `windowMs`. */
export type Limit = { max: number; windowMs: number };

export type AttemptLimits = {
  /** Failures for one account from one address: the guessing a single client can do. */
  pair: Limit;
  /** Failures from one address over all accounts: spraying one password over many accounts. */
  address: Limit;
  /** Failures for one account from all addresses: guessing from many addresses. Never applies to an address known for the account. */
  account: Limit;
  /** How long an address stays known for an account after a success there. */
  knownMs: number;
};

const MINUTE = 60_000;

/** Sign-ins and password changes (README "Sign-in, roles and API tokens"). */
export const PASSWORD_ATTEMPT_LIMITS: AttemptLimits = {
  pair: { max: 5, windowMs: 10 * MINUTE },
  address: { max: 20, windowMs: 10 * MINUTE },
  account: { max: 50, windowMs: 10 * MINUTE },
  knownMs: 30 * 24 * 60 * MINUTE,
};

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: "pair" | "address" | "account" };

/** Keys kept per table before expired ones are swept (and, if still over, the oldest dropped): memory stays bounded. */
const MAX_KEYS = 50_000;
/** Addresses remembered per account. */
const MAX_KNOWN_PER_ACCOUNT = 20;

/**
 * Counts failed password attempts per (account, address), per address and per account, in sliding windows, in this
 * process's memory. Addresses must be ones the client cannot choose (client-address.ts). An account's ceiling
 * refuses only addresses that have not succeeded for it recently, so guessing from many addresses cannot lock out
 * its owner at a known address; the pair limit cannot, since the owner's address is not the attacker's.
 */
export class AttemptLimiter {
  private readonly failures = { pair: new Map<string, number[]>(), address: new Map<string, number[]>(), account: new Map<string, number[]>() };
  private readonly known = new Map<string, Map<string, number>>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an attempt for `account` from `address` may be checked at all. */
  check(account: string, address: string): Verdict {
    const t = this.now();
    const scopes: ["pair" | "address" | "account", string][] = [
      ["pair", pairKey(account, address)],
      ["address", address],
    ];
    if (!this.isKnown(account, address, t)) {
      scopes.push(["account", account]);
    }
    for (const [scope, key] of scopes) {
      const limit = this.limits[scope];
      const recent = this.recent(scope, key, t);
      if (recent.length >= limit.max) {
        const oldest = recent[recent.length - limit.max] ?? t;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - t) / 1000)), scope };
      }
    }
    return { allowed: true };
  }

  /** A wrong password (or other refusal after the check). */
  failed(account: string, address: string): void {
    const t = this.now();
    this.push("pair", pairKey(account, address), t);
    this.push("address", address, t);
    this.push("account", account, t);
  }

  /** The right password: the pair starts over and the address is known for the account. */
  succeeded(account: string, address: string): void {
    const t = this.now();
    this.failures.pair.delete(pairKey(account, address));
    const known = this.known.get(account) ?? new Map<string, number>();
    known.delete(address);
    known.set(address, t + this.limits.knownMs);
    while (known.size > MAX_KNOWN_PER_ACCOUNT) {
      known.delete(known.keys().next().value as string);
    }
    this.known.delete(account);
    this.known.set(account, known);
    bound(this.known, (m) => [...m.values()].every((until) => until <= t));
  }

  private isKnown(account: string, address: string, t: number): boolean {
    return (this.known.get(account)?.get(address) ?? 0) > t;
  }

  private recent(scope: keyof AttemptLimiter["failures"], key: string, t: number): number[] {
    const times = this.failures[scope].get(key);
    if (!times) {
      return [];
    }
    const windowStart = t - this.limits[scope].windowMs;
    while (times.length > 0 && (times[0] ?? 0) <= windowStart) {
      times.shift();
    }
    if (times.length === 0) {
      this.failures[scope].delete(key);
    }
    return times;
  }

  private push(scope: keyof AttemptLimiter["failures"], key: string, t: number): void {
    const table = this.failures[scope];
    const times = this.recent(scope, key, t);
    times.push(t);
    // Only the last `max` failures decide anything.
    if (times.length > this.limits[scope].max) {
      times.shift();
    }
    table.delete(key);
    table.set(key, times);
    const windowStart = t - this.limits[scope].windowMs;
    bound(table, (v) => (v.at(-1) ?? 0) <= windowStart);
  }
}

function pairKey(account: string, address: string): string {
  return `${account}\n${address}`;
}

/**
 * Over MAX_KEYS: drop expired entries, then the least recently written (Maps iterate in insertion order) down to 90%,
 * so that the sweep runs once per many writes.
 */
function bound<V>(table: Map<string, V>, expired: (v: V) => boolean): void {
  if (table.size <= MAX_KEYS) {
    return;
  }
  for (const [k, v] of table) {
    if (expired(v)) {
      table.delete(k);
    }
  }
  for (const k of table.keys()) {
    if (table.size <= MAX_KEYS * 0.9) {
      break;
    }
    table.delete(k);
  }
}
