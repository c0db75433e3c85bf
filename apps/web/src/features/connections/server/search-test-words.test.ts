import { errors } from "@elastic/elasticsearch";
import { type SearchFailure, searchFailure } from "@outflow/connectors/search-failure";
import { describe, expect, it } from "vitest";
import { catalogueMessage } from "../../../lib/http/localize-error";
import { searchTestWords, unsupportedServerWords } from "./search-test-words";

const connection = (message: string) => new errors.ConnectionError(message);
const answered = (statusCode: number, body: unknown = {}) => new errors.ResponseError({ statusCode, body, headers: {}, warnings: null, meta: {} as never });
const unidentified =
  "not Elasticsearch or OpenSearch: it answered, but neither GET / (version.distribution, the X-Elastic-Product header, the tagline) nor the node info says it is one";

/** One failure of each kind searchFailure words (and the probe's unidentified server), with the sentence's name. */
const FAILURES: [string, SearchFailure][] = [
  ["searchTimedOut", searchFailure(new errors.TimeoutError("Request timed out"))],
  ["searchTlsUntrusted", searchFailure(connection("self-signed certificate in certificate chain"))],
  ["searchTlsNotValidNow", searchFailure(connection("certificate has expired"))],
  ["searchTlsWrongHost", searchFailure(connection("Hostname/IP does not match certificate's altnames: IP: 10.0.0.1"))],
  ["searchTls", searchFailure(connection("write EPROTO 00A8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number"))],
  ["searchNodeRefused", searchFailure(connection("connect ECONNREFUSED 127.0.0.1:9200"))],
  ["searchUnreachable", searchFailure(connection("getaddrinfo ENOTFOUND es.invalid"))],
  ["searchNotJson", searchFailure(new errors.DeserializationError("Unexpected token <", "<html>"))],
  ["searchCredentials", searchFailure(answered(401))],
  ["searchMediaType", searchFailure(answered(406))],
  ["searchNoEndpoint", searchFailure(answered(404))],
  ["searchOverloaded", searchFailure(answered(429))],
  ["searchServerError", searchFailure(answered(503))],
  ["searchRejected", searchFailure(answered(409))],
  ["searchFailed", searchFailure(new Error("socket hang up"))],
  ["searchNotIdentified", { category: "not_search_server", status: null, message: unidentified, words: { key: "searchNotIdentified", params: {} } }],
];

describe("search connection test failures in the console's language", () => {
  it.each(FAILURES)("%s: the catalogue's English is searchFailure's sentence, byte for byte; Chinese keeps the status and the client's words", (key, f) => {
    const { messageKey, params = {} } = searchTestWords(f);
    expect(messageKey).toBe(key);
    expect(catalogueMessage(`server.${key}`, params, "en")).toBe(f.message);
    const zh = catalogueMessage(`server.${key}`, params, "zh-CN") ?? "";
    expect(zh).not.toBe(f.message);
    for (const value of Object.values(params)) {
      expect(zh).toContain(value);
    }
  });

  it("the connect policy's refusal has no words (its own)", () => {
    const denied = searchFailure(connection('Search connection "logs": host 10.0.0.1 is denied by OUTFLOW_CONNECT_DENY'));
    expect(denied.category).toBe("denied");
    expect(searchTestWords(denied)).toEqual({});
  });

  it("an unsupported server", () => {
    const { messageKey, params } = unsupportedServerWords("Elasticsearch 6.8.23");
    expect(catalogueMessage(`server.${messageKey}`, params, "en")).toBe(
      "Elasticsearch 6.8.23 is not supported: Outflow writes to Elasticsearch 7.10 and later and OpenSearch 1.3 and later",
    );
  });
});
