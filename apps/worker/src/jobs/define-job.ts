import { type JobName, type JobPayload, JobPayloads } from "@outflow/schemas/jobs";
import type { Job } from "bullmq";

export type JobContext = { job: Job };
export type JobDef<N extends JobName> = { name: N; handle: (payload: JobPayload<N>, ctx: JobContext) => Promise<void> };

export const defineJob = <N extends JobName>(def: JobDef<N>) => ({ ...def, schema: JobPayloads[def.name] });
export type AnyJob = ReturnType<typeof defineJob<JobName>>;
