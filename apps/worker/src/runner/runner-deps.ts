import type { Db } from "@outflow/db/client";
import type { SecretBox } from "@outflow/db/secret-box";
import type { Env } from "../env";
import type { Logger } from "../logger";
import type { FetchBudget } from "./fetch-budget";

/** What a runner needs from its process; passed in, never read from globals. */
export type RunnerDeps = { db: Db; box: SecretBox; env: Env; log: Logger; workerId: string; fetchBudget: FetchBudget };
