"use client";

import { useState } from "react";
import { useCan } from "@/features/session/viewer-context";
import { DocumentSearch, type Opened } from "./document-search";
import { DocumentView, type MessageAt } from "./document-view";
import { MessageView } from "./message-view";
import { TaskIndices } from "./task-indices";

/** "What landed": the task's indices for everyone; its documents and their Kafka messages for editors and admins. */
export function TaskExplorer({ taskId }: { taskId: string }) {
  const canRead = useCan("editor");
  const [index, setIndex] = useState("");
  const [doc, setDoc] = useState<Opened | null>(null);
  const [message, setMessage] = useState<MessageAt | null>(null);
  const openDoc = (d: Opened) => {
    setDoc(d);
    setMessage(null);
  };
  return (
    <section className="panel stack" aria-label="What landed">
      <h2>What landed</h2>
      <TaskIndices taskId={taskId} onPick={canRead ? setIndex : undefined} />
      {canRead ? (
        <>
          <DocumentSearch taskId={taskId} index={index} onOpen={openDoc} />
          {doc ? <DocumentView taskId={taskId} index={doc.index} id={doc.id} onMessage={setMessage} /> : null}
          {message ? <MessageView taskId={taskId} at={message} onDocument={openDoc} /> : null}
        </>
      ) : (
        <p className="muted small">Documents and messages are shown to editors and admins.</p>
      )}
    </section>
  );
}
