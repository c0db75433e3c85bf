import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./stack";

const run = promisify(execFile);

/** A server of `scripts/services/` that the integration tests start themselves, with its own test CA. */
export function tlsTestService(script: "kafka-secured.sh" | "elasticsearch-secured.sh") {
  const call = (...args: string[]): Promise<string> =>
    run("bash", [join(ROOT, "scripts/services", script), ...args], { maxBuffer: 1024 * 1024 }).then((r) => r.stdout);
  return {
    /** Starts the server unless it is running (idempotent; the first start also makes its CA). */
    up: () => call("up"),
    /** The PEM of the CA that signed the server's certificate. */
    ca: () => call("ca"),
    /** The PEM of a CA that signed nothing the server has. */
    untrustedCa: () => call("untrusted-ca"),
  };
}
