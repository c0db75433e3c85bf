"use client";

import { parseJsonExact } from "@outflow/pipeline/exact-number";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import { useFormat } from "@/lib/use-format";
import { documentOptions } from "../queries";
import { useLinkReason } from "../use-link-reason";

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
  const t = useTranslations("explorer.document");
  const linkReason = useLinkReason();
  const f = useFormat();
  const doc = useQuery(documentOptions(taskId, index, id));
  if (doc.isPending) {
    return <p className="muted">{t("loading")}</p>;
  }
  if (!doc.data) {
    return <ErrorNotice error={doc.error} title={t("failed")} />;
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
            {t("sourceMessage", { topic: d.message.topic, partition: d.message.partition, offset: d.message.offset })}
          </button>
        ) : (
          <span className="muted small">{t("noSourceMessage", { reason: d.link.via === "none" ? linkReason(d.link) : t("notLinked") })}</span>
        )}
        {d.dashboardsLink ? (
          <a href={d.dashboardsLink} target="_blank" rel="noreferrer">
            {t("openInDiscover")}
          </a>
        ) : null}
      </div>
      {d.source === null ? (
        <p className="muted">{t("tooLarge", { count: f.count(d.sourceChars) })}</p>
      ) : (
        <pre data-testid="document-source">{pretty(d.source)}</pre>
      )}
    </div>
  );
}
