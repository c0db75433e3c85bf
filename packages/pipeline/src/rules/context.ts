import type { KafkaMessage } from "../message";

/** What a rule step sees: the record being built and the Kafka message it came from. */
export type RuleContext = { record: Record<string, unknown>; message: KafkaMessage; now: number };

export type StepResult = { kind: "continue" } | { kind: "filtered"; reason: string } | { kind: "failed"; reason: string };

export type Step = (ctx: RuleContext) => StepResult;

export const CONTINUE: StepResult = { kind: "continue" };
export const fail = (reason: string): StepResult => ({ kind: "failed", reason });
