import {
  type NotRegistryAnswer,
  notRegistryAnswer,
  RegistryError,
  type RegistryFailure,
  registryHttpFailure,
  registryNetworkFailure,
} from "@outflow/connectors/schema-registry-failure";
import { describe, expect, it } from "vitest";
import { catalogueMessage, localizeError } from "../../../lib/http/localize-error";
import { failedRegistryTest, registryAppError, registryFailureWords } from "./registry-app-error";

const CCOMPAT = "https://sr.example.com/apis/ccompat/v7";
const BARE = "http://127.0.0.1:8081";
const err = (code: string, message: string) => Object.assign(new Error(message), { code });
const network = (code: string, message: string) => registryNetworkFailure("prod", CCOMPAT, err(code, message));
const http = (url: string, path: string, status: number, body: unknown = null) => registryHttpFailure("prod", url, path, status, body);
const answer = (why: NotRegistryAnswer) => notRegistryAnswer("prod", CCOMPAT, "/subjects", why);

/** One failure of each sentence the registry's connector words, and the sentence's name. */
const FAILURES: [string, RegistryFailure][] = [
  ["registryTimedOut", network("OUTFLOW_TIMEOUT", "no answer within 5000 ms")],
  ["registryTimedOut", network("ETIMEDOUT", "connect ETIMEDOUT 10.0.0.1:8081")],
  ["registryRefused", network("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8081")],
  ["registryCertUntrusted", network("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain")],
  ["registryCertNotValidNow", network("CERT_HAS_EXPIRED", "certificate has expired")],
  [
    "registryCertWrongHost",
    network("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames: Host: sr. is not in the cert's altnames"),
  ],
  ["registryTlsFailed", network("EPROTO", "write EPROTO 0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number")],
  ["registryUnreachable", network("ENOTFOUND", "getaddrinfo ENOTFOUND sr.example.com")],
  ["registryFailed", network("ESOMETHING", "socket hang up {with braces} and 'quotes'")],
  ["registryCredentials", http(CCOMPAT, "/subjects", 401)],
  ["registrySchemaNotFound", http(CCOMPAT, "/schemas/ids/42", 404, { error_code: 40403 })],
  ["registryNoApi", http(CCOMPAT, "/subjects", 404)],
  ["registryNoApiApicurio", http(BARE, "/subjects", 404)],
  ["registryOverloaded", http(CCOMPAT, "/subjects", 429)],
  ["registryServerError", http(CCOMPAT, "/schemas/ids/7", 503)],
  ["registryRejected", http(CCOMPAT, "/subjects/a%20b/versions/latest", 400)],
  ["registryAnswerTooLarge", answer({ tooLarge: 16 * 1024 * 1024 })],
  ["registryAnswerNotJson", answer("not_json")],
  ["registryAnswerShape", answer({ shape: "Expected array, received object" })],
];

describe("schema registry failures in the console's language", () => {
  it.each(FAILURES)("%s: the catalogue's English is the connector's sentence, byte for byte; Chinese keeps the connection and the client's words", (key, f) => {
    const words = registryFailureWords(f);
    expect(words?.key).toBe(key);
    expect(catalogueMessage(`server.${key}`, words?.params ?? {}, "en")).toBe(f.message);
    const zh = catalogueMessage(`server.${key}`, words?.params ?? {}, "zh-CN");
    expect(zh).toMatch(/^模式注册中心连接“prod”：/);
    for (const said of Object.values(words?.params ?? {})) {
      expect(zh).toContain(String(said));
    }
  });

  it("names every sentence the connector has", () => {
    expect(new Set(FAILURES.map(([key]) => key)).size).toBe(18);
  });

  it("the API's error carries the key and arguments; the console words it in Chinese", () => {
    const e = registryAppError(new RegistryError(http(CCOMPAT, "/subjects", 401))).toResponse().error;
    expect(e).toMatchObject({
      code: "bad_gateway",
      message: 'Schema registry connection "prod": credentials refused (HTTP 401); check the username and password or the token',
      key: "registryCredentials",
      params: { connection: "prod", status: "401" },
    });
    expect(localizeError({ ...e, issues: [] }, "zh-CN").message).toBe("模式注册中心连接“prod”：凭据被拒绝（HTTP 401）；请检查用户名和密码或令牌");
  });

  it("another error, or the connect policy's refusal, stays the server's English without a key", () => {
    expect(registryAppError(new Error("boom")).toResponse().error).toMatchObject({ code: "bad_gateway", message: "boom", key: undefined });
    const denied = 'Schema registry connection "prod": 169.254.169.254 is denied by default; not connecting';
    const e = registryAppError(new RegistryError(registryNetworkFailure("prod", CCOMPAT, err("EOUTFLOW_CONNECT_DENIED", denied))));
    expect(e.toResponse().error).toMatchObject({ message: denied, key: undefined, params: undefined });
  });

  it("a failed test keeps the English error and adds the key and arguments to its details", () => {
    const f = network("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8081");
    expect(failedRegistryTest(f, 5)).toEqual({
      ok: false,
      latencyMs: 5,
      error: 'Schema registry connection "prod": refused: nothing accepts connections at https://sr.example.com/apis/ccompat/v7',
      details: { category: "refused", status: null, messageKey: "registryRefused", params: { connection: "prod", url: CCOMPAT } },
    });
    expect(failedRegistryTest(new RegistryError(f).failure, 5)).toEqual(failedRegistryTest(f, 5));
    expect(failedRegistryTest({ category: "denied", status: null, message: "denied" }, 5).details).toEqual({ category: "denied", status: null });
  });
});
