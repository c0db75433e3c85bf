import type { Db } from "@outflow/db/client";
import type { SecretBox } from "@outflow/db/secret-box";
import type { Env } from "../env";
import type { Logger } from "../logger";
import type { FetchBudget } from "./fetch-budget";
import type { StageTimes } from "./stage-times";

/** What a runner needs from its process; passed in, never read from globals. */
export type RunnerDeps = {
  db: Db;
  box: SecretBox;
  env: Env;
  log: Logger;
  workerId: string;
  fetchBudget: FetchBudget;
  /** Set when STAGE_TIMES_EVERY_MS is: where time goes inside the worker, logged periodically. */
  stageTimes: StageTimes | null;
};
