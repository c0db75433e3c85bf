import { type AddressInfo, createServer, type Socket } from "node:net";

/**
 * A "broker" that accepts TCP connections and never answers (a wrong port, a half-dead host behind a proxy):
 * `address` is its host:port; `close` drops its connections and stops listening.
 */
export async function startSilentBroker(): Promise<{ address: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) {
        s.destroy();
      }
      server.close(() => resolve());
    });
  return { address: `127.0.0.1:${port}`, close };
}
