"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { messageOptions } from "../queries";
import { useLinkReason } from "../use-link-reason";
import type { Opened } from "./document-search";
import type { MessageAt } from "./document-view";

/** The Kafka message at an offset, as it is on the topic, and the documents it wrote. */
export function MessageView({ taskId, at, onDocument }: { taskId: string; at: MessageAt; onDocument: (d: Opened) => void }) {
  const t = useTranslations("explorer.message");
  const linkReason = useLinkReason();
  const msg = useQuery(messageOptions(taskId, at));
  if (msg.isPending) {
    return <p className="muted">{t("loading")}</p>;
  }
  if (!msg.data) {
    return <ErrorNotice error={msg.error} title={t("failed")} />;
  }
  const m = msg.data;
  return (
    <div className="subpanel stack" data-testid="message-view">
      <strong className="mono">{t("heading", { topic: m.message.topic, partition: m.message.partition, offset: m.message.offset })}</strong>
      <RawMessageView message={m.message} />
      <div className="small">
        {t("documents")}{" "}
        {m.documents.length === 0
          ? m.link.via === "none"
            ? t("notFound", { reason: linkReason(m.link) })
            : t("noneFound")
          : m.documents.map((d) => (
              <button key={`${d.index}/${d.id}`} type="button" className="link mono" onClick={() => onDocument({ index: d.index, id: d.id })}>
                {d.index}/{d.id}
              </button>
            ))}
      </div>
    </div>
  );
}
