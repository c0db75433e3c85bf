import { type ConnectionOptions, errors, UndiciConnection } from "@elastic/elasticsearch";
import { guardedLookup, refusalBeforeDns } from "./connect-guard";

/**
 * The client's connection to one node, under the connect policy: a node whose host is a denied address (or named
 * by a denied pattern) fails every request with the reason and is never contacted; a name is judged by the
 * addresses it resolves to, at each connect (`lookup` goes to every socket, plain and TLS).
 */
export function policedConnection(connection: string): typeof UndiciConnection {
  const lookup = guardedLookup(connection);
  return class PolicedConnection extends UndiciConnection {
    constructor(opts: ConnectionOptions) {
      super({ ...opts, tls: { ...opts.tls, lookup } as ConnectionOptions["tls"] });
      const refused = refusalBeforeDns(connection, this.url.hostname);
      if (refused) {
        (this as { request: unknown }).request = async () => {
          throw new errors.ConnectionError(refused.message);
        };
      }
    }
  };
}
