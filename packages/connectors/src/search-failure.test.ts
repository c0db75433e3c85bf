import { errors } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import { searchFailure } from "./search-failure";

const connectionError = (message: string) => searchFailure(new errors.ConnectionError(message));

describe("searchFailure: TLS", () => {
  it("a certificate that leads to no trusted CA: what to fix, Node's words, without Node's advice about its own flags", () => {
    const advice = "; if the root CA is installed locally, try running Node.js with --use-system-ca";
    for (const reason of [
      "unable to verify the first certificate",
      "self-signed certificate in certificate chain",
      "self-signed certificate",
      "unable to get local issuer certificate",
    ]) {
      expect(connectionError(`${reason}${advice}`)).toEqual({
        category: "tls",
        status: null,
        message: `TLS: the node's certificate is not trusted (${reason}); give the connection the CA certificate that signed it`,
        words: { key: "searchTlsUntrusted", params: { detail: reason } },
      });
    }
  });

  it("an expired certificate, one for another host, and any other TLS failure", () => {
    expect(connectionError("certificate has expired").message).toBe("TLS: the node's certificate is not valid now (certificate has expired)");
    const altnames = "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list: 127.0.0.1";
    expect(connectionError(altnames).message).toBe(`TLS: the node's certificate is not for the host in the node URL (${altnames})`);
    expect(connectionError("write EPROTO 00A8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number").message).toBe(
      "TLS: write EPROTO 00A8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number",
    );
  });

  it("is not mistaken for a refused or unreachable node", () => {
    expect(connectionError("connect ECONNREFUSED 127.0.0.1:9200 - Local: unknown:unknown, Remote: unknown:unknown").category).toBe("refused");
    expect(connectionError("getaddrinfo ENOTFOUND es.invalid").category).toBe("unreachable");
  });
});
