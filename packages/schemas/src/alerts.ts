import { z } from "zod";

/** What an alert watches; the keys of a task's `alerts` section that are rules. */
export const ALERT_KINDS = ["failed", "retrying", "lagAbove", "lagGrowing", "stalled"] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertState = z.enum(["firing", "resolved"]);
export type AlertState = z.infer<typeof AlertState>;

/** Rules that read the stored samples look back at most this far (samples are kept an hour). */
export const SAMPLE_WINDOW_MINUTES = 60;

/** A type error's message, saying "Required" when the field is missing. */
const expected = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? `Required: ${what}` : `Expected ${what}`) });

/** Whole minutes a condition must hold (1 minute to 1 day). */
const Minutes = (max: number) =>
  z
    .int(expected("whole minutes, such as 10"))
    .min(1, { error: "At least 1 minute" })
    .max(max, { error: `At most ${max} minutes` });

const Toggle = z.boolean(expected("true or false"));

/** The defaults a new task gets (Tencent's default alarm policy does the same): every rule on. */
export const ALERT_DEFAULTS = {
  failed: { enabled: true },
  retrying: { enabled: true, minutes: 10 },
  lagAbove: { enabled: true, messages: 100_000 },
  lagGrowing: { enabled: true, minutes: 15 },
  stalled: { enabled: true, minutes: 10 },
  notifyResolved: true,
} as const;

/**
 * A task's alert rules; whatever is left out has its default, so `{ lagAbove: { messages: 500 } }` is enough. failed: the task is failed. retrying: retrying for more than `minutes`. lagAbove: more than
 * `messages` wait. lagGrowing: the lag grew in each of the last `minutes` minutes. stalled: nothing written for
 * `minutes` while lag > 0. Lag rules watch tasks that are meant to run. `notifyResolved`: also notify when a firing
 * alert clears. `webhookIds`: where notifications go; left out, every enabled webhook.
 */
export const AlertRules = z.strictObject({
  failed: z.strictObject({ enabled: Toggle.default(true) }).default(ALERT_DEFAULTS.failed),
  retrying: z
    .strictObject({ enabled: Toggle.default(true), minutes: Minutes(1_440).default(ALERT_DEFAULTS.retrying.minutes) })
    .default(ALERT_DEFAULTS.retrying),
  lagAbove: z
    .strictObject({
      enabled: Toggle.default(true),
      messages: z
        .int(expected("a whole number of messages"))
        .min(1, { error: "At least 1 message" })
        .max(1_000_000_000_000, { error: "At most 10^12 messages" })
        .default(ALERT_DEFAULTS.lagAbove.messages),
    })
    .default(ALERT_DEFAULTS.lagAbove),
  lagGrowing: z
    .strictObject({ enabled: Toggle.default(true), minutes: Minutes(SAMPLE_WINDOW_MINUTES).default(ALERT_DEFAULTS.lagGrowing.minutes) })
    .default(ALERT_DEFAULTS.lagGrowing),
  stalled: z
    .strictObject({ enabled: Toggle.default(true), minutes: Minutes(SAMPLE_WINDOW_MINUTES).default(ALERT_DEFAULTS.stalled.minutes) })
    .default(ALERT_DEFAULTS.stalled),
  notifyResolved: z.boolean(expected("true or false")).default(true),
  webhookIds: z
    .array(z.string().min(1, { error: "A webhook id" }).max(100))
    .max(20, { error: "At most 20 webhooks" })
    .refine((ids) => new Set(ids).size === ids.length, { error: "Webhooks must not repeat", params: { messageKey: "schema.alerts.webhooksRepeat" } })
    .optional(),
});
export type AlertRules = z.infer<typeof AlertRules>;

/** An alert that fires now, as the task view shows it. */
export const FiringAlert = z.object({
  kind: AlertKind,
  firingSince: z.string(),
  values: z.record(z.string(), z.unknown()),
});
export type FiringAlert = z.infer<typeof FiringAlert>;

/** The JSON body a webhook receives (signed: see the README's "Alerts and webhooks"). */
export const AlertNotification = z.object({
  /** "alert", or "test" for the console's "Send test". */
  type: z.enum(["alert", "test"]),
  task: z.object({ id: z.string(), name: z.string() }).nullable(),
  alert: z
    .object({ kind: AlertKind, state: AlertState, firingSince: z.string(), resolvedAt: z.string().nullable(), values: z.record(z.string(), z.unknown()) })
    .nullable(),
  /** When the transition was seen (ISO-8601). */
  timestamp: z.string(),
});
export type AlertNotification = z.infer<typeof AlertNotification>;
