import { produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Report = {
  read: number;
  wouldWrite: number;
  failed: number;
  mappingRejections: { index: string; field: string; type: string; count: number }[];
  targets: { shape: string }[];
};

/** `POST /api/preview/index-template` on the real search server: the template is made, and the dry run checks against it. */
describe("index template from the wizard", () => {
  const suite = new OutflowSuite("it-wtpl");
  const name = `${suite.prefix}-tpl`;
  beforeAll(suite.start);
  afterAll(async () => {
    await suite.es.indices.deleteIndexTemplate({ name }).catch(() => {});
    await suite.stop();
  });

  it("creates the template with the chosen types; the dry run of a new index follows it; a second one of that name is a 409", async () => {
    const body = {
      connectionId: suite.outflow.esId,
      name,
      indexPatterns: [`${suite.prefix}-logs-*`],
      fields: [
        { name: "clientip", type: "ip" },
        { name: "at", type: "date", format: "strict_date_optional_time" },
        { name: "user.id", type: "long" },
      ],
    };
    const made = await suite.api.post<{ name: string; replaced: boolean; mappings: unknown }>("/api/preview/index-template", body);
    expect(made).toMatchObject({ name, replaced: false });
    const sim = await suite.es.indices.simulateIndexTemplate({ name: `${suite.prefix}-logs-x` });
    expect(sim.template.mappings?.properties).toMatchObject({
      clientip: { type: "ip" },
      at: { type: "date", format: "strict_date_optional_time" },
      user: { properties: { id: { type: "long" } } },
    });

    const { topic } = await suite.freshTopic(1);
    await produce(topic, [
      { value: JSON.stringify({ clientip: "10.0.0.1", at: "2026-12-07T10:00:00Z", user: { id: 1 } }) },
      { value: JSON.stringify({ clientip: "not-an-ip", at: "2026-12-07T10:00:00Z", user: { id: 2 } }) },
    ]);
    const index = `${suite.prefix}-logs-new`;
    const r = await suite.api.post<Report>("/api/preview/dry-run", { config: suite.outflow.config({ topics: [topic], index }), limit: 10 });
    expect(r).toMatchObject({ read: 2, wouldWrite: 1, failed: 1 });
    expect(r.mappingRejections).toEqual([expect.objectContaining({ index, field: "clientip", type: "ip", count: 1 })]);
    expect(r.targets).toEqual([expect.objectContaining({ shape: "template" })]);

    const again = await suite.api.expectError("POST", "/api/preview/index-template", body);
    expect(again.status).toBe(409);
    expect(again.body.error?.issues?.[0]?.field).toBe("name");
    const replaced = await suite.api.post<{ replaced: boolean }>("/api/preview/index-template", { ...body, replace: true });
    expect(replaced.replaced).toBe(true);
  });

  it("names a field that cannot be both a value and an object, and an unknown type", async () => {
    const base = { connectionId: suite.outflow.esId, name: `${name}-bad`, indexPatterns: [`${suite.prefix}-bad-*`] };
    const parent = await suite.api.expectError("POST", "/api/preview/index-template", {
      ...base,
      fields: [
        { name: "a", type: "keyword" },
        { name: "a.b", type: "long" },
      ],
    });
    expect(parent.status).toBe(422);
    expect(parent.body.error?.field).toBe("fields.1.name");
    const type = await suite.api.expectError("POST", "/api/preview/index-template", { ...base, fields: [{ name: "a", type: "money" }] });
    expect(type.status).toBe(422);
    expect(type.body.error?.field).toBe("fields.0.type");
    const kafka = await suite.api.expectError("POST", "/api/preview/index-template", {
      ...base,
      connectionId: suite.outflow.kafkaId,
      fields: [{ name: "a", type: "ip" }],
    });
    expect(kafka.body.error?.field).toBe("connectionId");
  });
});
