import type { LookupAddress } from "node:dns";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { guardedLookup, refusalBeforeDns } from "./connect-guard";

const saved = { allow: process.env.OUTFLOW_CONNECT_ALLOW, deny: process.env.OUTFLOW_CONNECT_DENY };
function restore(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}

/** Resolves through the guarded lookup: the addresses, or the refusal's message. */
const resolve = (host: string) =>
  new Promise<string>((done) => {
    guardedLookup('Kafka connection "k"')(host, { all: true }, (err: Error | null, addresses: LookupAddress[] | string) =>
      done(err ? err.message : (addresses as LookupAddress[]).map((a) => a.address).join(",")),
    );
  });

describe("connect guard", () => {
  afterEach(() => {
    restore("OUTFLOW_CONNECT_ALLOW", saved.allow);
    restore("OUTFLOW_CONNECT_DENY", saved.deny);
  });

  it("refuses a denied address before DNS and a denied resolved address in the lookup, naming connection, host and rule", async () => {
    process.env.OUTFLOW_CONNECT_DENY = "127.0.0.2/32, 127.0.0.1/32";
    expect(refusalBeforeDns('Kafka connection "k"', "0x7f000002")?.message).toBe(
      'Kafka connection "k": 0x7f000002 (127.0.0.2) is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32; not connecting',
    );
    expect(refusalBeforeDns('Kafka connection "k"', "localhost")).toBeNull();
    expect(await resolve("localhost")).toMatch(/^Kafka connection "k": localhost \(127\.0\.0\.1\) is denied by OUTFLOW_CONNECT_DENY 127\.0\.0\.1\/32/);
  });

  it("re-reads the variables when they change and passes allowed names through", async () => {
    process.env.OUTFLOW_CONNECT_DENY = "";
    process.env.OUTFLOW_CONNECT_ALLOW = "127.0.0.0/8";
    expect(refusalBeforeDns('Kafka connection "k"', "127.0.0.2")).toBeNull();
    expect(refusalBeforeDns('Kafka connection "k"', "10.0.0.1")?.message).toMatch(/10\.0\.0\.1 is not allowed by OUTFLOW_CONNECT_ALLOW 127\.0\.0\.0\/8/);
    process.env.OUTFLOW_CONNECT_ALLOW = "";
    expect(await resolve("127.0.0.1")).toBe("127.0.0.1");
  });

  it("judges 0.0.0.0 and :: as loopback and this host's own interface addresses", () => {
    process.env.OUTFLOW_CONNECT_DENY = "127.0.0.0/8, ::1";
    expect(refusalBeforeDns('Kafka connection "k"', "0.0.0.0")?.message).toBe(
      'Kafka connection "k": 0.0.0.0 (this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.0/8; not connecting',
    );
    expect(refusalBeforeDns('Kafka connection "k"', "[::]")?.message).toMatch(/^Kafka connection "k": :: \(this host, 127\.0\.0\.1\) is denied/);
    const own = Object.values(networkInterfaces())
      .flatMap((l) => l ?? [])
      .find((i) => i.family === "IPv4" && !i.internal)?.address;
    if (own) {
      process.env.OUTFLOW_CONNECT_DENY = `${own}/32`;
      expect(refusalBeforeDns('Kafka connection "k"', "0.0.0.0")?.message).toBe(
        `Kafka connection "k": 0.0.0.0 (this host, ${own}) is denied by OUTFLOW_CONNECT_DENY ${own}/32; not connecting`,
      );
    }
  });
});
