import type { Client } from "@elastic/elasticsearch";
import type { Dataset } from "./generate";
import type { ProcSampler, ProcWindow } from "./proc-sampler";
import type { BenchSettings } from "./settings";

/** What every stage gets. */
export type BenchContext = {
  settings: BenchSettings;
  es: Client;
  warm: Dataset;
  main: Dataset;
  sampler: ProcSampler;
  log: (line: string) => void;
};

/** One timed repetition of a stage. */
export type Run = { messages: number; seconds: number; rate: number; cpu: ProcWindow };

export function rateOf(messages: number, ms: number): number {
  return messages / (ms / 1000);
}
