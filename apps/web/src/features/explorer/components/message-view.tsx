"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "@/components/error-notice";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { messageOptions } from "../queries";
import type { Opened } from "./document-search";
import type { MessageAt } from "./document-view";

/** The Kafka message at an offset, as it is on the topic, and the documents it wrote. */
export function MessageView({ taskId, at, onDocument }: { taskId: string; at: MessageAt; onDocument: (d: Opened) => void }) {
  const msg = useQuery(messageOptions(taskId, at));
  if (msg.isPending) {
    return <p className="muted">Reading the message from Kafka…</p>;
  }
  if (!msg.data) {
    return <ErrorNotice error={msg.error} title="Could not read the message" />;
  }
  const m = msg.data;
  return (
    <div className="subpanel stack" data-testid="message-view">
      <strong className="mono">
        {m.message.topic} / partition {m.message.partition} / offset {m.message.offset}
      </strong>
      <RawMessageView message={m.message} />
      <div className="small">
        Documents it wrote:{" "}
        {m.documents.length === 0
          ? m.link.via === "none"
            ? `not found (${m.link.reason})`
            : "none found (filtered, failed, or overwritten since)"
          : m.documents.map((d) => (
              <button key={`${d.index}/${d.id}`} type="button" className="link mono" onClick={() => onDocument({ index: d.index, id: d.id })}>
                {d.index}/{d.id}
              </button>
            ))}
      </div>
    </div>
  );
}
