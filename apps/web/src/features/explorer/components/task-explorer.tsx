"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ClosablePanel } from "@/components/closable-panel";
import { useCan } from "@/features/session/viewer-context";
import { DocumentSearch, type Opened } from "./document-search";
import { DocumentView, type MessageAt } from "./document-view";
import { MessageView } from "./message-view";
import { TaskIndices } from "./task-indices";

/** "What landed": the task's indices for everyone; its documents and their Kafka messages for editors and admins. */
export function TaskExplorer({ taskId }: { taskId: string }) {
  const t = useTranslations("explorer.panel");
  const canRead = useCan("editor");
  const [index, setIndex] = useState("");
  const [doc, setDoc] = useState<Opened | null>(null);
  const [message, setMessage] = useState<MessageAt | null>(null);
  const openDoc = (d: Opened) => {
    setDoc(d);
    setMessage(null);
  };
  return (
    <section className="panel stack" aria-label={t("title")}>
      <h2>{t("title")}</h2>
      <TaskIndices taskId={taskId} onPick={canRead ? setIndex : undefined} />
      {canRead ? (
        <>
          <DocumentSearch taskId={taskId} index={index} onOpen={openDoc} />
          {doc ? (
            <ClosablePanel
              key={`${doc.index}/${doc.id}`}
              label={t("document")}
              heading={<h3>{t("document")}</h3>}
              className="stack"
              onClose={() => setDoc(null)}
            >
              <DocumentView taskId={taskId} index={doc.index} id={doc.id} onMessage={setMessage} />
            </ClosablePanel>
          ) : null}
          {message ? (
            <ClosablePanel
              key={`${message.topic}/${message.partition}/${message.offset}`}
              label={t("message")}
              heading={<h3>{t("message")}</h3>}
              className="stack"
              onClose={() => setMessage(null)}
            >
              <MessageView taskId={taskId} at={message} onDocument={openDoc} />
            </ClosablePanel>
          ) : null}
        </>
      ) : (
        <p className="muted small">{t("restricted")}</p>
      )}
    </section>
  );
}
