/** The event log's text (one object per feature, for translations later). */
export const eventMessages = {
  title: "Events",
  live: "(live, newest first)",
  none: "No events yet.",
  details: "details",
  by: (email: string) => `by ${email}`,
  sampledKinds: {
    message_discarded: "Discarded",
    message_dead_lettered: "Dead-lettered",
    message_dropped: "Dropped",
  },
  sampledNote: (what: string, counted: number, shown: number) =>
    `${what}: ${counted} message${counted === 1 ? "" : "s"} counted, ${shown} shown here, ${Math.max(0, counted - shown)} not shown. These events are sampled (at most one every 5 s per consumer); the counters count every message.`,
} as const;

export type SampledKind = keyof typeof eventMessages.sampledKinds;
