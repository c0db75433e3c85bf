"use client";

import type { DeadLetterView, ReplayView } from "@outflow/schemas/api/dead-letters";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import { ClosablePanel } from "@/components/closable-panel";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { useCan } from "@/features/session/viewer-context";
import { taskDetailOptions } from "@/features/tasks/queries";
import { useFormat } from "@/lib/use-format";
import { deadLetterKeys, groupsOptions, lettersOptions, replayLetters, replaysOptions, type Selection, type TestAnswer, testLetters } from "../queries";
import { DiscardList } from "./discard-list";

const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** A letter's address on the dead-letter topic, as the table shows it. */
const address = (l: { partition: number; offset: string }) => `${l.partition}@${l.offset}`;

/** The task's dead letters: groups, letters, a test against today's configuration, replays and their progress. */
export function DeadLetterWorkbench({ taskId }: { taskId: string }) {
  const t = useTranslations("deadLetters.workbench");
  const task = useQuery(taskDetailOptions(taskId));
  const policy = task.data?.config.failure.policy;
  return (
    <>
      <div className="page-header">
        <Link href={`/tasks/${taskId}`} className="muted">
          {task.data?.name ?? t("task")} /
        </Link>
        <h1>{policy === "discard" ? t("titleDiscard") : t("titleDeadLetter")}</h1>
      </div>
      {task.error ? <ErrorNotice error={task.error} title={t("taskFailed")} /> : null}
      {policy === "dead_letter" ? <Letters taskId={taskId} /> : null}
      {policy === "discard" ? <DiscardList taskId={taskId} /> : null}
      {policy === "retain" ? <p className="muted">{t("retains")}</p> : null}
    </>
  );
}

function Letters({ taskId }: { taskId: string }) {
  const t = useTranslations("deadLetters");
  const f = useFormat();
  const at = (ms: string) => f.time(new Date(Number(ms)).toISOString());
  const editor = useCan("editor");
  const qc = useQueryClient();
  const groups = useQuery(groupsOptions(taskId));
  const [group, setGroup] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<DeadLetterView | null>(null);
  const [picked, setPicked] = useState<Map<string, { partition: number; offset: string; replayed: boolean }>>(new Map());
  const pick = (l: DeadLetterView, on: boolean) =>
    setPicked((m) => {
      const next = new Map(m);
      if (on) {
        next.set(`${l.partition}@${l.offset}`, { partition: l.partition, offset: l.offset, replayed: l.replayedBy !== null });
      } else {
        next.delete(`${l.partition}@${l.offset}`);
      }
      return next;
    });
  const pickedLetters = [...picked.values()].map(({ partition, offset }) => ({ partition, offset }));
  const [tested, setTested] = useState<z.infer<typeof TestAnswer> | null>(null);
  const letters = useQuery(lettersOptions(taskId, group, offset));
  const test = useMutation({ mutationFn: (s: Selection) => testLetters(taskId, s), onSuccess: setTested });
  const replay = useMutation({
    mutationFn: ({ s, force }: { s: Selection; force: boolean }) => replayLetters(taskId, s, force),
    onSettled: () => void qc.invalidateQueries({ queryKey: deadLetterKeys.all(taskId) }),
  });
  const scan = groups.data?.scan;
  return (
    <>
      {scan ? (
        <p className="muted small" data-testid="dead-letter-scan">
          {t.rich(scan.complete ? "scan.all" : "scan.newest", {
            letters: f.count(scan.letters),
            scanned: f.count(scan.scanned),
            records: f.count(scan.records),
            topic: scan.topic,
            time: f.time(scan.readAt),
            code,
          })}
        </p>
      ) : null}
      <ErrorNotice error={groups.error} title={t("scan.failed")} />
      <ErrorNotice error={test.error ?? replay.error} />
      <section className="panel" aria-label={t("groups.title")}>
        <h2>{t("groups.title")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("groups.stage")}</th>
                <th>{t("groups.reason")}</th>
                <th>{t("groups.errorType")}</th>
                <th className="num">{t("groups.letters")}</th>
                <th className="num">{t("groups.replayed")}</th>
                <th>{t("groups.first")}</th>
                <th>{t("groups.last")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {groups.data?.groups.map((g) => (
                <tr key={g.id} data-testid={`group-${g.id}`}>
                  <td>{g.stage}</td>
                  <td title={g.example} data-server-text="">
                    {g.pattern}
                  </td>
                  <td>{g.errorType ?? "—"}</td>
                  <td className="num">{f.count(g.count)}</td>
                  <td className="num">{f.count(g.replayed)}</td>
                  <td>{at(g.first)}</td>
                  <td>{at(g.last)}</td>
                  <td className="row">
                    <button
                      type="button"
                      onClick={() => {
                        setGroup(g.id);
                        setOffset(0);
                      }}
                    >
                      {t("groups.show")}
                    </button>
                    {editor ? (
                      <>
                        <FocusableButton disabled={test.isPending} onClick={() => test.mutate({ kind: "group", group: g.id })}>
                          {t("actions.test")}
                        </FocusableButton>
                        <FocusableButton
                          type="button"
                          className="primary"
                          disabled={replay.isPending}
                          onClick={() => replay.mutate({ s: { kind: "group", group: g.id }, force: g.replayed >= g.count })}
                        >
                          {g.replayed >= g.count ? t("actions.replayAgain") : t("actions.replay")}
                        </FocusableButton>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {groups.data && groups.data.groups.length === 0 ? <p className="muted">{t("groups.empty")}</p> : null}
        {editor && groups.data && groups.data.groups.length > 0 ? (
          <div className="row">
            <FocusableButton disabled={test.isPending} onClick={() => test.mutate({ kind: "all" })}>
              {t("groups.testAll")}
            </FocusableButton>
            <FocusableButton
              type="button"
              disabled={replay.isPending}
              onClick={() => replay.mutate({ s: { kind: "all" }, force: groups.data.groups.some((g) => g.replayed > 0) })}
            >
              {t("groups.replayAll")}
            </FocusableButton>
          </div>
        ) : null}
      </section>
      {tested ? <TestResult answer={tested} /> : null}
      <Replays taskId={taskId} />
      <section className="panel" aria-label={t("letters.title")}>
        <h2>
          {t("letters.title")} {group ? <span className="muted small">{t("letters.ofGroup", { group })}</span> : null}{" "}
          {group ? (
            <button type="button" className="link" onClick={() => setGroup(null)}>
              {t("letters.allGroups")}
            </button>
          ) : null}
        </h2>
        <ErrorNotice error={letters.error} />
        {letters.data && !letters.data.contents ? <p className="muted small">{t("letters.restricted")}</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {editor ? <th aria-label={t("letters.select")} /> : null}
                <th>{t("letters.deadLettered")}</th>
                <th>{t("letters.where")}</th>
                <th>{t("letters.from")}</th>
                <th>{t("letters.stage")}</th>
                <th>{t("letters.reason")}</th>
                <th className="num">{t("letters.attempt")}</th>
                <th>{t("letters.replayed")}</th>
              </tr>
            </thead>
            <tbody>
              {letters.data?.items.map((l) => (
                <tr key={`${l.partition}:${l.offset}`}>
                  {editor ? (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t("letters.selectLetter", { letter: address(l) })}
                        checked={picked.has(`${l.partition}@${l.offset}`)}
                        onChange={(e) => pick(l, e.target.checked)}
                      />
                    </td>
                  ) : null}
                  <td>{at(l.at)}</td>
                  <td className="mono">
                    <button type="button" className="link" onClick={() => setOpen(l)} aria-label={t("letters.openLetter", { letter: address(l) })}>
                      {l.partition}@{l.offset}
                    </button>
                  </td>
                  <td className="mono">
                    {l.source.topic}[{l.source.partition}]@{l.source.offset}
                  </td>
                  <td>{l.stage}</td>
                  <td data-server-text="">{l.reason}</td>
                  <td className="num">{l.attempt}</td>
                  <td className="mono small">{l.replayedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editor && picked.size > 0 ? (
          <div className="row">
            <span className="muted small">{t("letters.selected", { count: f.count(picked.size) })}</span>
            <FocusableButton disabled={test.isPending} onClick={() => test.mutate({ kind: "letters", letters: pickedLetters })}>
              {t("letters.testSelected")}
            </FocusableButton>
            <FocusableButton
              type="button"
              disabled={replay.isPending}
              onClick={() => {
                replay.mutate({ s: { kind: "letters", letters: pickedLetters }, force: [...picked.values()].some((p) => p.replayed) });
                setPicked(new Map());
              }}
            >
              {t("letters.replaySelected")}
            </FocusableButton>
            <button type="button" className="link" onClick={() => setPicked(new Map())}>
              {t("letters.clear")}
            </button>
          </div>
        ) : null}
        {letters.data ? (
          <div className="row small">
            <span className="muted">
              {letters.data.total === 0
                ? t("pager.none")
                : t("pager.rangeOf", { from: f.count(offset + 1), to: f.count(offset + letters.data.items.length), total: f.count(letters.data.total) })}
            </span>
            <FocusableButton disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 20))}>
              {t("pager.newer")}
            </FocusableButton>
            <FocusableButton disabled={offset + 20 >= letters.data.total} onClick={() => setOffset(offset + 20)}>
              {t("pager.older")}
            </FocusableButton>
          </div>
        ) : null}
      </section>
      {open ? (
        <ClosablePanel
          key={`${open.partition}@${open.offset}`}
          label={t("letter.label")}
          heading={<h2>{t("letter.heading", { letter: address(open) })}</h2>}
          onClose={() => setOpen(null)}
        >
          <p data-server-text="">
            {open.stage}: {open.reason}
            {open.errorStatus ? ` (HTTP ${open.errorStatus}${open.errorType ? `, ${open.errorType}` : ""})` : null}
          </p>
          {open.message ? <RawMessageView message={open.message} /> : <p className="muted">{t("letter.restricted")}</p>}
          {editor ? (
            <div className="row">
              <button type="button" onClick={() => test.mutate({ kind: "letters", letters: [{ partition: open.partition, offset: open.offset }] })}>
                {t("actions.test")}
              </button>
              <button
                type="button"
                className="primary"
                onClick={() =>
                  replay.mutate({ s: { kind: "letters", letters: [{ partition: open.partition, offset: open.offset }] }, force: open.replayedBy !== null })
                }
              >
                {open.replayedBy ? t("actions.replayAgain") : t("actions.replay")}
              </button>
            </div>
          ) : null}
        </ClosablePanel>
      ) : null}
    </>
  );
}

function TestResult({ answer }: { answer: z.infer<typeof TestAnswer> }) {
  const t = useTranslations("deadLetters.test");
  const f = useFormat();
  const passing = answer.letters.filter((l) => l.passes).length;
  const counts = { passing: f.count(passing), tested: f.count(answer.tested), selected: f.count(answer.selected) };
  return (
    <section className="panel" aria-label={t("label")}>
      <h2>
        {t("title")}{" "}
        <span className="muted small" data-testid="test-summary">
          {t(answer.selected > answer.tested ? "summaryNewest" : "summary", counts)}
        </span>
      </h2>
      <div className="table-wrap">
        <table>
          <tbody>
            {answer.letters.map((l, i) => (
              <tr key={`${l.partition}:${l.offset}`}>
                <td className="mono">{address(l)}</td>
                <td>{l.passes ? t("passes") : t("fails")}</td>
                {l.outcomeKey ? (
                  <td>
                    {l.outcomeKey === "wouldWrite"
                      ? t("outcomes.wouldWrite", { actions: Number(l.params?.actions) })
                      : t.rich("outcomes.failsAt", {
                          stage: String(l.params?.stage),
                          reason: String(l.params?.reason),
                          server: (c) => <span data-server-text="">{c}</span>,
                        })}
                  </td>
                ) : (
                  <td data-server-text="">{l.outcome}</td>
                )}
                <td>
                  <pre className="small">{answer.preview.rows[i]?.bulk}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Replays({ taskId }: { taskId: string }) {
  const t = useTranslations("deadLetters.replays");
  const f = useFormat();
  const replays = useQuery(replaysOptions(taskId));
  if (!replays.data || replays.data.items.length === 0) {
    return null;
  }
  return (
    <section className="panel" aria-label={t("title")}>
      <h2>{t("title")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("started")}</th>
              <th>{t("by")}</th>
              <th>{t("status")}</th>
              <th className="num">{t("done")}</th>
              <th className="num">{t("written")}</th>
              <th className="num">{t("filtered")}</th>
              <th className="num">{t("failedAgain")}</th>
              <th className="num">{t("gone")}</th>
            </tr>
          </thead>
          <tbody>
            {replays.data.items.map((r: z.infer<typeof ReplayView>) => (
              <tr key={r.id} data-testid={`replay-${r.id}`}>
                <td title={r.id}>{f.time(r.createdAt)}</td>
                <td>{r.actor}</td>
                <td data-testid="replay-status">
                  {t(`statuses.${r.status}`)}
                  {r.error ? `: ${r.error}` : ""}
                </td>
                <td className="num">
                  {f.count(r.position)} / {f.count(r.total)}
                </td>
                <td className="num" data-testid="replay-written">
                  {f.count(r.written)}
                </td>
                <td className="num">{f.count(r.filtered)}</td>
                <td className="num">{f.count(r.failedAgain)}</td>
                <td className="num">{f.count(r.missing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("progress", { time: f.time(new Date(replays.dataUpdatedAt).toISOString()) })}</p>
    </section>
  );
}
