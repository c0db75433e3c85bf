"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorNotice } from "@/components/error-notice";
import { formatTime } from "@/lib/format";
import { taskEventsOptions } from "../queries";

/** The task's events, newest at the top, polled every 1.5 s with the cursor (only new events are fetched). */
export function EventLog({ taskId }: { taskId: string }) {
  const qc = useQueryClient();
  const log = useQuery(taskEventsOptions(taskId, qc));
  const events = [...(log.data?.items ?? [])].reverse();
  return (
    <section aria-label="Event log">
      <h2>
        Events <span className="muted small">(live, newest first)</span>
      </h2>
      <ErrorNotice error={log.error} title="Could not load events" />
      <ul className="event-log" data-testid="event-log">
        {events.map((e) => (
          <li key={e.id} className={`level-${e.level}`} data-kind={e.kind} data-level={e.level}>
            <span className="muted small">{formatTime(e.at)}</span>
            <span>
              <span className={`badge level-${e.level}`}>{e.level}</span>
            </span>
            <span className="mono small">{e.kind}</span>
            <span>
              {e.message}
              {e.details && Object.keys(e.details).length > 0 ? (
                <details>
                  <summary className="muted small">details</summary>
                  <pre>{JSON.stringify(e.details, null, 2)}</pre>
                </details>
              ) : null}
            </span>
          </li>
        ))}
        {log.data && events.length === 0 ? <li className="muted">No events yet.</li> : null}
      </ul>
    </section>
  );
}
