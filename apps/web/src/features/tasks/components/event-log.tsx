"use client";

import { type EventWordKey, eventWordsOf } from "@outflow/schemas/event-words";
import type { Counters, TaskEvent } from "@outflow/schemas/task";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useFormat } from "@/lib/use-format";
import { taskEventsOptions, taskKeys } from "../queries";

/** Events written together with a status change: when one arrives the task (and its badge) is read again at once. */
const STATUS_KINDS = new Set(["start_requested", "running", "retrying", "recovered", "failed", "stop_requested", "stopped", "lease_lost"]);

/** The event kinds written for a sample of the messages they count (at most one every 5 s per consumer). */
type SampledKind = "message_discarded" | "message_dead_lettered" | "message_dropped";

/** Which counter each sampled event kind stands for. */
const COUNTER_OF: Record<SampledKind, keyof Counters> = {
  message_discarded: "discarded",
  message_dead_lettered: "deadLettered",
  message_dropped: "dropped",
};

/** The task's events, newest at the top, polled every 1.5 s with the cursor (only new events are fetched). */
export function EventLog({ taskId, totals }: { taskId: string; totals: Counters }) {
  const t = useTranslations("tasks.events");
  const f = useFormat();
  const qc = useQueryClient();
  const log = useQuery(taskEventsOptions(taskId, qc));
  const items = log.data?.items ?? [];
  const events = [...items].reverse();
  const lastStatusEvent = events.find((e) => STATUS_KINDS.has(e.kind))?.id;
  const seenStatusEvent = useRef(lastStatusEvent);
  useEffect(() => {
    if (lastStatusEvent !== seenStatusEvent.current) {
      seenStatusEvent.current = lastStatusEvent;
      void qc.invalidateQueries({ queryKey: taskKeys.detail(taskId) });
    }
  }, [lastStatusEvent, qc, taskId]);
  const sampled = (Object.keys(COUNTER_OF) as SampledKind[])
    .map((kind) => ({ kind, counted: totals[COUNTER_OF[kind]], shown: items.filter((e) => e.kind === kind).length }))
    .filter((s) => s.counted > 0 || s.shown > 0);
  return (
    <section aria-label={t("label")}>
      <h2>
        {t("title")} <span className="muted small">{t("live")}</span>
      </h2>
      <ErrorNotice error={log.error} title={t("loadError")} />
      {sampled.map((s) => (
        <p key={s.kind} className="muted small" data-testid={`sampled-${s.kind}`}>
          {t("sampledNote", {
            what: t(`sampledKinds.${s.kind}`),
            counted: s.counted,
            shown: f.count(s.shown),
            hidden: f.count(Math.max(0, s.counted - s.shown)),
          })}
        </p>
      ))}
      <div role="log" aria-label={t("logLabel")} aria-live="polite">
        <ul className="event-log" data-testid="event-log">
          {events.map((e) => (
            <li key={e.id} className={`level-${e.level}`} data-kind={e.kind} data-level={e.level}>
              <span className="muted small">{f.time(e.at)}</span>
              <span>
                <span className={`badge level-${e.level}`}>{t(`levels.${e.level}`)}</span>
              </span>
              <span className="mono small">{e.kind}</span>
              <span>
                <EventText event={e} />
                {e.actor ? (
                  <span className="muted small" data-testid="event-actor">
                    {" "}
                    {t("by", { email: e.actor.email })}
                  </span>
                ) : null}
                {e.details && Object.keys(e.details).length > 0 ? (
                  <details>
                    <summary className="muted small">{t("details")}</summary>
                    <pre>{JSON.stringify(e.details, null, 2)}</pre>
                  </details>
                ) : null}
              </span>
            </li>
          ))}
          {log.data && events.length === 0 ? <li className="muted">{t("none")}</li> : null}
        </ul>
      </div>
    </section>
  );
}

/** The event in the reader's language when it names its words (`details.messageKey`), else as stored (English). */
function EventText({ event }: { event: TaskEvent }) {
  const t = useTranslations("tasks.events");
  const words = eventWordsOf(event.details);
  const key = words ? (`words.${words.messageKey}` as `words.${EventWordKey}`) : null;
  if (words && key && t.has(key)) {
    // The server's own words (Elasticsearch's, Kafka's) inside a translated sentence stay English: marked as such.
    return <span>{t.rich(key, { ...words.params, server: (c) => <span data-server-text="">{c}</span> })}</span>;
  }
  return <span data-server-text="">{event.message}</span>;
}
