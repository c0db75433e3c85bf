import { describe, expect, it } from "vitest";
import { CONNECT_DENIED } from "./connect-guard";
import { isRegistryUnavailable, RegistryError, registryHttpFailure, registryNetworkFailure } from "./schema-registry-failure";

const URL = "https://sr.example.com";
const err = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });

describe("registryNetworkFailure", () => {
  it.each([
    ["ECONNREFUSED", "refused", 'Schema registry connection "sr": refused: nothing accepts connections at https://sr.example.com'],
    ["ENOTFOUND", "unreachable", 'Schema registry connection "sr": unreachable: https://sr.example.com could not be reached (ENOTFOUND)'],
    ["EHOSTUNREACH", "unreachable", 'Schema registry connection "sr": unreachable: https://sr.example.com could not be reached (EHOSTUNREACH)'],
    ["OUTFLOW_TIMEOUT", "timed_out", 'Schema registry connection "sr": timed out: https://sr.example.com did not answer in time'],
    [
      "SELF_SIGNED_CERT_IN_CHAIN",
      "tls",
      'Schema registry connection "sr": the registry\'s TLS certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN happened); give the connection the CA certificate that signed it',
    ],
    ["CERT_HAS_EXPIRED", "tls", 'Schema registry connection "sr": the registry\'s TLS certificate is not valid now (CERT_HAS_EXPIRED happened)'],
    [
      "ERR_TLS_CERT_ALTNAME_INVALID",
      "tls",
      'Schema registry connection "sr": the registry\'s TLS certificate is not for the host in the URL (ERR_TLS_CERT_ALTNAME_INVALID happened)',
    ],
  ])("%s is %s, in a sentence naming the connection", (code, category, message) => {
    const f = registryNetworkFailure("sr", URL, err(code));
    expect(f).toMatchObject({ category, status: null, message });
    expect(f.words?.params.connection).toBe("sr");
  });

  it("keeps the connect policy's own words for a denial", () => {
    const denied = err(CONNECT_DENIED, 'Schema registry connection "sr": 169.254.169.254 is denied by default; not connecting');
    expect(registryNetworkFailure("sr", URL, denied)).toEqual({ category: "denied", status: null, message: denied.message });
  });
});

describe("registryHttpFailure", () => {
  it.each([
    [401, "/subjects", null, "credentials"],
    [403, "/schemas/ids/3", null, "credentials"],
    [404, "/schemas/ids/3", { error_code: 40403, message: "Schema 3 not found" }, "schema_not_found"],
    [404, "/schemas/ids/3", "<html>not found</html>", "not_registry"],
    [404, "/subjects", { error: { type: "index_not_found_exception" } }, "not_registry"],
    [405, "/subjects", null, "not_registry"],
    [429, "/subjects", null, "overloaded"],
    [503, "/subjects", null, "server_error"],
    [400, "/subjects", null, "rejected"],
  ])("HTTP %i on GET %s (body %j) is %s", (status, path, body, category) => {
    expect(registryHttpFailure("sr", `${URL}/apis/ccompat/v7`, path, status, body)).toMatchObject({ category, status });
  });

  it("says the id a registry does not know, and where Apicurio serves the API when the URL has no path", () => {
    expect(registryHttpFailure("sr", URL, "/schemas/ids/42", 404, { error_code: 40403 }).message).toBe(
      'Schema registry connection "sr": the registry has no schema with id 42',
    );
    expect(registryHttpFailure("sr", "http://127.0.0.1:8081", "/subjects", 404, null).message).toBe(
      'Schema registry connection "sr": no Confluent-compatible schema registry API at http://127.0.0.1:8081: GET /subjects answered HTTP 404 (Apicurio Registry serves it under /apis/ccompat/v7)',
    );
  });

  it("never repeats the remote body", () => {
    expect(registryHttpFailure("sr", URL, "/subjects", 500, "java.lang.NullPointerException at secret.Place").message).not.toContain("NullPointer");
  });
});

describe("isRegistryUnavailable", () => {
  it("is false only for an id the registry does not know (the message's problem)", () => {
    expect(isRegistryUnavailable(new RegistryError({ category: "schema_not_found", status: 404, message: "" }))).toBe(false);
    for (const category of ["refused", "timed_out", "credentials", "server_error", "not_registry"] as const) {
      expect(isRegistryUnavailable(new RegistryError({ category, status: null, message: "" }))).toBe(true);
    }
    expect(isRegistryUnavailable(new Error("socket hang up"))).toBe(true);
  });
});
