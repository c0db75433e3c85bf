import { Transport, type TransportOptions } from "@elastic/elasticsearch";

/**
 * The official client's transport, speaking plain JSON and NDJSON without its product check: the one dialect that
 * Elasticsearch 7.10+, 8.x, 9.x and OpenSearch 1.x-3.x all understand for what Outflow sends. The client's own media
 * types (`compatible-with=8`) are refused by 7.x and OpenSearch with 406, and its product check rejects every answer
 * without `X-Elastic-Product` (7.13 and older, OpenSearch); which server it is, is found out by `detectServer`.
 */
export class PlainJsonTransport extends Transport {
  constructor(opts: TransportOptions) {
    super({
      ...opts,
      // @ts-expect-error the transport takes null (no product check), its options type does not say so
      productCheck: null,
      vendoredHeaders: { jsonContentType: "application/json", ndjsonContentType: "application/x-ndjson", accept: "application/json, text/plain" },
    });
  }
}
