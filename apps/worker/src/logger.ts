/** JSON lines on stdout: one object per event, easy to grep and to ship. */
export type Level = "debug" | "info" | "warn" | "error";
export type Logger = Record<Level, (msg: string, fields?: Record<string, unknown>) => void> & { child(fields: Record<string, unknown>): Logger };

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(min: Level, base: Record<string, unknown> = {}): Logger {
  const write =
    (level: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[level] < ORDER[min]) {
        return;
      }
      const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...base, ...fields }, (_k, v) =>
        typeof v === "bigint" ? v.toString() : v instanceof Error ? v.message : v,
      );
      (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error"), child: (f) => createLogger(min, { ...base, ...f }) };
}
