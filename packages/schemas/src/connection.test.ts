import { describe, expect, it } from "vitest";
import { ConnectionInput } from "./connection";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
const kafka = (tls: Record<string, unknown>) => ({ kind: "kafka", name: "k", brokers: ["127.0.0.1:9093"], tls });

describe("connection TLS certificates", () => {
  it("takes PEM certificates for the CA and the client certificate", () => {
    expect(ConnectionInput.safeParse(kafka({ ca: PEM + PEM, cert: PEM })).success).toBe(true);
  });

  it("refuses a CA or certificate that is not PEM (Node would ignore it and trust nothing), naming the field", () => {
    for (const field of ["ca", "cert"]) {
      const r = ConnectionInput.safeParse(kafka({ [field]: "MIIBszCCAVmgAwIBAgIU" }));
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["tls", field], message: expect.stringMatching(/^Expected PEM certificates/) })]);
    }
  });
});
