import type { IncomingMessage } from "node:http";
import { Server } from "node:net";

/** The connection's own address, set by the server on every request (a client's header of this name is overwritten). */
export const PEER_ADDRESS_HEADER = "x-outflow-peer-address";

/**
 * Makes every HTTP request carry the address of the connection it came on. `next start` passes the client's
 * X-Forwarded-For on untouched (it sets it from the socket only when there is none), and a route handler sees no
 * socket, so the address is stamped where the server emits the request (net.Server covers http and https).
 */
export function stampPeerAddresses(): void {
  if (peerAddressesStamped()) {
    return;
  }
  (globalThis as { __outflowPeerStamp?: boolean }).__outflowPeerStamp = true;
  const proto = Server.prototype as unknown as { emit: (this: Server, event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}

/** Whether this process stamps requests; if not, a PEER_ADDRESS_HEADER on a request is the client's and means nothing. */
export function peerAddressesStamped(): boolean {
  return (globalThis as { __outflowPeerStamp?: boolean }).__outflowPeerStamp === true;
}
