import type { ApiError } from "@outflow/testing/api-client";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The console behind a reverse proxy it trusts (OUTFLOW_TRUSTED_PROXIES: here the test itself, on loopback), which
 * appends the address it sees to X-Forwarded-For: the client's address is that last entry, never one the client
 * wrote. Also: the last admin stays one however two admins race.
 */
describe("sign-in limits behind a trusted proxy", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0, env: { OUTFLOW_TRUSTED_PROXIES: "127.0.0.1,::1" } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A sign-in as the proxy forwards it: what the client sent as X-Forwarded-For (if anything), then its address. */
  const viaProxy = (email: string, password: string, client: string, clientSays?: string) =>
    fetch(`${stack.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.baseUrl, "x-forwarded-for": clientSays ? `${clientSays}, ${client}` : client },
      body: JSON.stringify({ email, password }),
    });

  it("an attacker naming the victim's address in X-Forwarded-For is limited at its own address; the victim signs in", async () => {
    const victim = await stack.createUser("editor");
    const victimAddress = "198.51.100.7";
    expect((await viaProxy(victim.email, victim.password, victimAddress)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 1; i <= 15; i++) {
      statuses.push((await viaProxy(victim.email, `guess-${i}`, "203.0.113.66", victimAddress)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(10).fill(429));
    expect((await viaProxy(victim.email, victim.password, victimAddress)).status).toBe(200);
    // A new address each time for another account: limited at each address, and per address over all accounts.
    const other = await stack.createUser("viewer");
    const spray: number[] = [];
    for (let i = 1; i <= 25; i++) {
      spray.push((await viaProxy(`nobody-${i}@outflow.test`, "guess", "203.0.113.77")).status);
    }
    expect(spray.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(spray.slice(20)).toEqual(Array(5).fill(429));
    expect((await viaProxy(other.email, other.password, "203.0.113.78")).status).toBe(200);
  });

  it("guessing one account from many addresses reaches its ceiling for new addresses, never for one it signed in from", async () => {
    const victim = await stack.createUser("viewer");
    expect((await viaProxy(victim.email, victim.password, "198.51.100.8")).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) {
      statuses.push((await viaProxy(victim.email, `guess-${i}`, `192.0.2.${i + 1}`)).status);
    }
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill(401));
    expect(statuses.slice(50)).toEqual(Array(5).fill(429));
    const refused = await viaProxy(victim.email, victim.password, "192.0.2.200");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ApiError["body"]).error?.message).toContain("for this account from addresses it has not signed in from");
    expect((await viaProxy(victim.email, victim.password, "198.51.100.8")).status).toBe(200);
  });

  it("two admins taking the role from each other at once: never both, one admin is always left", async () => {
    const second = await stack.createUser("admin");
    const admins = [stack.admin, second];
    // The race is in the server's timing; enough rounds that both requests pass their role check before either writes.
    for (let round = 0; round < 20; round++) {
      const [a, b] = await Promise.allSettled([
        stack.admin.api.patch(`/api/users/${second.id}`, { role: "viewer" }),
        second.api.patch(`/api/users/${stack.admin.id}`, { role: "viewer" }),
      ]);
      const won = [a, b].map((r) => r.status === "fulfilled");
      expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
      for (const r of [a, b]) {
        if (r.status === "rejected") {
          expect([403, 422]).toContain((r.reason as ApiError).status);
        }
      }
      // The one left an admin makes the other one again.
      const winner = won[0] ? admins[0] : admins[1];
      const loser = won[0] ? admins[1] : admins[0];
      await winner?.api.patch(`/api/users/${loser?.id}`, { role: "admin" });
    }
  });
});
