import type { ConnectionInput } from "@outflow/schemas/connection";
import { describe, expect, it } from "vitest";
import { dropSecretsForNewDestination } from "./secret-binding";

const es: ConnectionInput = {
  kind: "elasticsearch",
  name: "e",
  nodes: ["http://a:9200"],
  auth: { type: "basic", username: "u", password: "p" },
  tls: { rejectUnauthorized: true, key: "K" },
};

describe("dropSecretsForNewDestination", () => {
  it("keeps every secret while the destination stays", () => {
    const merged = structuredClone({ ...es, name: "renamed" }) as Record<string, unknown>;
    expect(dropSecretsForNewDestination(es, merged, { name: "renamed" })).toEqual([]);
    expect(merged).toMatchObject({ auth: { password: "p" }, tls: { key: "K" } });
  });

  it("drops the secrets a destination change does not send again, naming each", () => {
    const merged = structuredClone({ ...es, nodes: ["http://b:9200"] }) as Record<string, unknown>;
    const issues = dropSecretsForNewDestination(es, merged, { nodes: ["http://b:9200"] });
    expect(issues.map((i) => i.field)).toEqual(["tls.key", "auth.password"]);
    expect(merged).toMatchObject({ auth: { type: "basic", username: "u" }, tls: { rejectUnauthorized: true } });
    expect((merged.auth as Record<string, unknown>).password).toBeUndefined();
  });

  it("keeps the secrets the patch sends with the new destination", () => {
    const patch = { nodes: ["http://b:9200"], auth: { password: "new" }, tls: { key: "K2" } };
    const merged = structuredClone({ ...es, ...patch, auth: { ...es.auth, password: "new" }, tls: { rejectUnauthorized: true, key: "K2" } }) as Record<
      string,
      unknown
    >;
    expect(dropSecretsForNewDestination(es, merged, patch)).toEqual([]);
  });
});
