"use client";

import { type HeldItem, HeldPage, HeldSkipAnswer } from "@outflow/schemas/api/held";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { useCan } from "@/features/session/viewer-context";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";
import { useFormat } from "@/lib/use-format";
import { taskKeys, taskUrl } from "../queries";
import { TaskView } from "../task-schemas";

const heldKey = (id: string) => [...taskKeys.detail(id), "held"] as const;

/**
 * Where the retain policy stopped the task: every held partition with its message (editors and admins), stage and
 * reason, and what to do: skip that one message, retry them all now, or switch the failure policy.
 */
export function FailurePointPanel({ task }: { task: TaskView }) {
  const t = useTranslations("tasks.held");
  const f = useFormat();
  const failed = task.status === "failed";
  // A failed task that was stopped afterwards still holds its messages.
  const mayHold = failed || task.status === "stopped";
  const canEdit = useCan("editor");
  const qc = useQueryClient();
  const held = useQuery({
    queryKey: heldKey(task.id),
    queryFn: () => fetchJson(`${taskUrl(task.id)}/held?limit=100`, HeldPage),
    enabled: mayHold,
    refetchInterval: mayHold ? 3_000 : false,
  });
  const refresh = () =>
    Promise.all([qc.invalidateQueries({ queryKey: taskKeys.detail(task.id) }), qc.invalidateQueries({ queryKey: taskKeys.events(task.id) })]);
  const skip = useMutation({
    mutationFn: (h: HeldItem) =>
      sendJson("POST", `${taskUrl(task.id)}/held/skip`, HeldSkipAnswer, { topic: h.topic, partition: h.partition, offset: h.offset }),
    onSuccess: refresh,
  });
  // A skipped message's row goes away with its button: focus stays in the panel instead of dropping to the page.
  const panel = useRef<HTMLElement>(null);
  const acted = useRef(false);
  useEffect(() => {
    if (acted.current && document.activeElement === document.body) {
      acted.current = false;
      panel.current?.focus();
    }
  });
  const retry = useMutation({ mutationFn: () => sendJson("POST", `${taskUrl(task.id)}/held/retry`, TaskView), onSuccess: refresh });
  if (!mayHold || (!held.data?.items.length && !(failed && task.failurePoint))) {
    return null;
  }
  // A task that stopped before held messages were recorded has only its failure point.
  const items: HeldItem[] = held.data?.items.length
    ? held.data.items
    : failed && task.failurePoint
      ? [{ ...task.failurePoint, at: task.updatedAt, resumesAt: (BigInt(task.failurePoint.offset) + 1n).toString(), message: null, messageNote: null }]
      : [];
  const count = held.data?.total ?? items.length;
  const pending = skip.isPending ? skip.variables : skip.isSuccess ? skip.variables : null;
  return (
    <section className="notice error" aria-label={t("label")} data-testid="failure-point" ref={panel} tabIndex={-1}>
      <strong>{t("stoppedAt", { count })}</strong>
      <ul className="stack" style={{ listStyle: "none", padding: 0, margin: "8px 0" }}>
        {items.map((h) => (
          <li key={`${h.topic}/${h.partition}`} className="panel" data-testid="held-message" data-partition={h.partition} data-offset={h.offset}>
            <dl className="kv" style={{ margin: "0 0 8px" }}>
              <dt>{t("fields.topic")}</dt>
              <dd className="mono">{h.topic}</dd>
              <dt>{t("fields.partition")}</dt>
              <dd className="mono">{h.partition}</dd>
              <dt>{t("fields.offset")}</dt>
              <dd className="mono">{h.offset}</dd>
              <dt>{t("fields.stage")}</dt>
              <dd className="mono">{h.stage}</dd>
              <dt>{t("fields.reason")}</dt>
              <dd className="mono" data-server-text="">
                {h.reason}
              </dd>
              <dt>{t("fields.heldSince")}</dt>
              <dd>{f.time(h.at)}</dd>
            </dl>
            {h.message ? (
              <>
                <RawMessageView message={{ ...h.message, timestamp: h.message.timestamp ?? undefined }} />
                {h.message.valueTruncated ? <p className="muted small">{t("valueCut", { n: f.count(h.message.value?.length ?? 0) })}</p> : null}
              </>
            ) : h.messageNote ? (
              h.messageNoteKey ? (
                <p className="muted small" data-testid="held-message-note">
                  {t(`notes.${h.messageNoteKey}`)}
                </p>
              ) : (
                <p className="muted small" data-testid="held-message-note" data-server-text="">
                  {h.messageNote}
                </p>
              )
            ) : null}
            <p className="small">{t("skipExplain", { offset: h.offset, resumesAt: h.resumesAt })}</p>
            {canEdit ? (
              <FocusableButton
                disabled={skip.isPending || pending?.partition === h.partition}
                onClick={() => {
                  acted.current = true;
                  skip.mutate(h);
                }}
                aria-label={t("skipLabel", { where: `${h.topic}[${h.partition}]@${h.offset}` })}
              >
                {pending?.topic === h.topic && pending.partition === h.partition ? t("skipQueued") : t("skip")}
              </FocusableButton>
            ) : null}
          </li>
        ))}
      </ul>
      {held.data?.nextOffset != null ? <p className="muted small">{t("showing", { shown: f.count(items.length), count: f.count(count) })}</p> : null}
      {canEdit ? (
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <FocusableButton disabled={retry.isPending} onClick={() => retry.mutate()}>
            {retry.isPending ? t("retrying") : t("retry")}
          </FocusableButton>
          <span>{t.rich("editorHelp", { link: (chunks) => <Link href={`/tasks/${task.id}/edit?step=failure`}>{chunks}</Link> })}</span>
        </div>
      ) : (
        <div>{t("viewerHelp")}</div>
      )}
      <ErrorNotice error={skip.error ?? retry.error ?? held.error} />
    </section>
  );
}
