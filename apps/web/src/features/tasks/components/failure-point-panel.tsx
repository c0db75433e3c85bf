"use client";

import { type HeldItem, HeldPage, HeldSkipAnswer } from "@outflow/schemas/api/held";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { useCan } from "@/features/session/viewer-context";
import { formatTime } from "@/lib/format";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";
import { taskKeys, taskUrl } from "../queries";
import { TaskView } from "../task-schemas";

const heldKey = (id: string) => [...taskKeys.detail(id), "held"] as const;

/**
 * Where the retain policy stopped the task: every held partition with its message (editors and admins), stage and
 * reason, and what to do: skip that one message, retry them all now, or switch the failure policy.
 */
export function FailurePointPanel({ task }: { task: TaskView }) {
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
    <section className="notice error" aria-label="Held messages" data-testid="failure-point" ref={panel} tabIndex={-1}>
      <strong>
        The task stopped at {count === 1 ? "a message" : `${count} messages`} it could not process (failure policy: retain), one per partition below.
      </strong>
      <ul className="stack" style={{ listStyle: "none", padding: 0, margin: "8px 0" }}>
        {items.map((h) => (
          <li key={`${h.topic}/${h.partition}`} className="panel" data-testid="held-message" data-partition={h.partition} data-offset={h.offset}>
            <dl className="kv" style={{ margin: "0 0 8px" }}>
              <dt>Topic</dt>
              <dd className="mono">{h.topic}</dd>
              <dt>Partition</dt>
              <dd className="mono">{h.partition}</dd>
              <dt>Offset</dt>
              <dd className="mono">{h.offset}</dd>
              <dt>Stage</dt>
              <dd className="mono">{h.stage}</dd>
              <dt>Reason</dt>
              <dd className="mono">{h.reason}</dd>
              <dt>Held since</dt>
              <dd>{formatTime(h.at)}</dd>
            </dl>
            {h.message ? (
              <>
                <RawMessageView message={{ ...h.message, timestamp: h.message.timestamp ?? undefined }} />
                {h.message.valueTruncated ? <p className="muted small">The value is cut after {h.message.value?.length} characters.</p> : null}
              </>
            ) : h.messageNote ? (
              <p className="muted small" data-testid="held-message-note">
                {h.messageNote}
              </p>
            ) : null}
            <p className="small">
              Skipping drops this one message (offset {h.offset}, counted as discarded) and nothing else: the partition resumes at offset {h.resumesAt}, and the
              task starts again.
            </p>
            {canEdit ? (
              <FocusableButton
                disabled={skip.isPending || pending?.partition === h.partition}
                onClick={() => {
                  acted.current = true;
                  skip.mutate(h);
                }}
                aria-label={`Skip the message at ${h.topic}[${h.partition}]@${h.offset}`}
              >
                {pending?.topic === h.topic && pending.partition === h.partition ? "Skip queued…" : "Skip this message"}
              </FocusableButton>
            ) : null}
          </li>
        ))}
      </ul>
      {held.data?.nextOffset != null ? (
        <p className="muted small">
          Showing the first {items.length} of {count}.
        </p>
      ) : null}
      {canEdit ? (
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <FocusableButton disabled={retry.isPending} onClick={() => retry.mutate()}>
            {retry.isPending ? "Retrying…" : "Retry now"}
          </FocusableButton>
          <span>
            Nothing from a held message on has been committed. Fix the cause and retry, or{" "}
            <Link href={`/tasks/${task.id}/edit?step=failure`}>edit the failure policy</Link> (e.g. discard or dead-letter such messages), then start the task
            again: it resumes from these messages.
          </span>
        </div>
      ) : (
        <div>Nothing from a held message on has been committed. An editor can skip a message, retry, or switch the failure policy.</div>
      )}
      <ErrorNotice error={skip.error ?? retry.error ?? held.error} />
    </section>
  );
}
