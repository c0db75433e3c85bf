import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@outflow/testing/services";
import { ROOT } from "@outflow/testing/stack";
import { afterEach, describe, expect, it } from "vitest";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** scripts/lib/supervise.sh as npm start uses it: two supervised processes, one of which keeps crashing. */
describe("npm start's supervisor", () => {
  let top: ChildProcess | undefined;
  afterEach(() => {
    top?.kill("SIGKILL");
  });

  it("restarts the process that died while the other keeps running; TERM stops both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "outflow-supervise-"));
    const script = `
      source ${JSON.stringify(join(ROOT, "scripts/lib/supervise.sh"))}
      (set +e; supervise crasher bash -c 'echo $$ >> ${dir}/crasher; sleep 0.2; exit 3') &
      a=$!
      (set +e; supervise steady bash -c 'echo $$ >> ${dir}/steady; exec sleep 1000') &
      b=$!
      trap 'kill -TERM $a $b; wait $a $b; exit 0' TERM
      wait $a $b`;
    top = spawn("bash", ["-c", script], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    top.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    const lines = (name: string) => {
      try {
        return readFileSync(join(dir, name), "utf8").trim().split("\n").filter(Boolean).map(Number);
      } catch {
        return [];
      }
    };
    await waitFor("the crasher to be started three times", async () => lines("crasher").length >= 3, 15_000, 100);
    const steady = lines("steady");
    expect(steady).toHaveLength(1);
    expect(alive(steady[0] as number)).toBe(true);
    expect(stderr).toContain("› crasher exited with status 3; starting it again in 1s");
    expect(stderr).toContain("starting it again in 2s");

    const exited = new Promise<number | null>((resolve) => top?.once("exit", resolve));
    top.kill("SIGTERM");
    expect(await exited).toBe(0);
    await waitFor("the steady process to stop", async () => !alive(steady[0] as number), 5_000, 100);
    const crashes = lines("crasher").length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(lines("crasher")).toHaveLength(crashes);
  });
});
