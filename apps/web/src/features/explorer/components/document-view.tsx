"use client";

import { parseJsonExact } from "@outflow/pipeline/exact-number";
import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "@/components/error-notice";
import { formatCount } from "@/lib/format";
import { documentOptions } from "../queries";

export type MessageAt = { topic: string; partition: number; offset: string };

function pretty(text: string): string {
  try {
    return JSON.stringify(parseJsonExact(text), null, 2);
  } catch {
    return text;
  }
}

/** One document's source (numbers as stored), with a way to its Kafka message when the task's config gives one. */
export function DocumentView({ taskId, index, id, onMessage }: { taskId: string; index: string; id: string; onMessage: (m: MessageAt) => void }) {
  const doc = useQuery(documentOptions(taskId, index, id));
  if (doc.isPending) {
    return <p className="muted">Opening the document…</p>;
  }
  if (!doc.data) {
    return <ErrorNotice error={doc.error} title="Could not open the document" />;
  }
  const d = doc.data;
  return (
    <div className="subpanel stack" data-testid="document-view">
      <div className="row">
        <strong className="mono">
          {d.index} / {d.id}
        </strong>
        {d.message ? (
          <button type="button" onClick={() => d.message && onMessage(d.message)}>
            Source message: {d.message.topic}/{d.message.partition} @ {d.message.offset}
          </button>
        ) : (
          <span className="muted small">
            No source message: {d.link.via === "none" ? d.link.reason : "the document's own fields do not name one of the task's messages"}
          </span>
        )}
        {d.dashboardsLink ? (
          <a href={d.dashboardsLink} target="_blank" rel="noreferrer">
            Open in Discover
          </a>
        ) : null}
      </div>
      {d.source === null ? (
        <p className="muted">The source is {formatCount(d.sourceChars)} characters: too large to show here.</p>
      ) : (
        <pre data-testid="document-source">{pretty(d.source)}</pre>
      )}
    </div>
  );
}
