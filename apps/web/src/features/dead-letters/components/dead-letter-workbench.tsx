"use client";

import type { DeadLetterView, ReplayView } from "@outflow/schemas/api/dead-letters";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { z } from "zod";
import { ClosablePanel } from "@/components/closable-panel";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { RawMessageView } from "@/features/preview/components/raw-message-view";
import { useCan } from "@/features/session/viewer-context";
import { taskDetailOptions } from "@/features/tasks/queries";
import { formatCount, formatTime } from "@/lib/format";
import { deadLetterKeys, groupsOptions, lettersOptions, replayLetters, replaysOptions, type Selection, type TestAnswer, testLetters } from "../queries";
import { DiscardList } from "./discard-list";

const at = (ms: string) => formatTime(new Date(Number(ms)).toISOString());

/** The task's dead letters: groups, letters, a test against today's configuration, replays and their progress. */
export function DeadLetterWorkbench({ taskId }: { taskId: string }) {
  const task = useQuery(taskDetailOptions(taskId));
  const policy = task.data?.config.failure.policy;
  return (
    <>
      <div className="page-header">
        <Link href={`/tasks/${taskId}`} className="muted">
          {task.data?.name ?? "Task"} /
        </Link>
        <h1>{policy === "discard" ? "Discarded messages" : "Dead letters"}</h1>
      </div>
      {task.error ? <ErrorNotice error={task.error} title="Could not load the task" /> : null}
      {policy === "dead_letter" ? <Letters taskId={taskId} /> : null}
      {policy === "discard" ? <DiscardList taskId={taskId} /> : null}
      {policy === "retain" ? <p className="muted">This task retains failed messages: it stops at the first one (see the task page).</p> : null}
    </>
  );
}

function Letters({ taskId }: { taskId: string }) {
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
          {formatCount(scan.letters)} letters of this task among {scan.complete ? "all" : `the newest ${formatCount(scan.scanned)} of`}{" "}
          {formatCount(scan.records)} records of <code>{scan.topic}</code>, read {formatTime(scan.readAt)}
        </p>
      ) : null}
      <ErrorNotice error={groups.error} title="Could not read the dead-letter topic" />
      <ErrorNotice error={test.error ?? replay.error} />
      <section className="panel" aria-label="Groups">
        <h2>Groups</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Stage</th>
                <th>Reason</th>
                <th>Error type</th>
                <th className="num">Letters</th>
                <th className="num">Replayed</th>
                <th>First</th>
                <th>Last</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {groups.data?.groups.map((g) => (
                <tr key={g.id} data-testid={`group-${g.id}`}>
                  <td>{g.stage}</td>
                  <td title={g.example}>{g.pattern}</td>
                  <td>{g.errorType ?? "—"}</td>
                  <td className="num">{formatCount(g.count)}</td>
                  <td className="num">{formatCount(g.replayed)}</td>
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
                      Show
                    </button>
                    {editor ? (
                      <>
                        <FocusableButton disabled={test.isPending} onClick={() => test.mutate({ kind: "group", group: g.id })}>
                          Test
                        </FocusableButton>
                        <FocusableButton
                          type="button"
                          className="primary"
                          disabled={replay.isPending}
                          onClick={() => replay.mutate({ s: { kind: "group", group: g.id }, force: g.replayed >= g.count })}
                        >
                          {g.replayed >= g.count ? "Replay again" : "Replay"}
                        </FocusableButton>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {groups.data && groups.data.groups.length === 0 ? <p className="muted">No dead letters.</p> : null}
        {editor && groups.data && groups.data.groups.length > 0 ? (
          <div className="row">
            <FocusableButton disabled={test.isPending} onClick={() => test.mutate({ kind: "all" })}>
              Test all
            </FocusableButton>
            <FocusableButton
              type="button"
              disabled={replay.isPending}
              onClick={() => replay.mutate({ s: { kind: "all" }, force: groups.data.groups.some((g) => g.replayed > 0) })}
            >
              Replay all
            </FocusableButton>
          </div>
        ) : null}
      </section>
      {tested ? <TestResult answer={tested} /> : null}
      <Replays taskId={taskId} />
      <section className="panel" aria-label="Letters">
        <h2>
          Letters {group ? <span className="muted small">of group {group}</span> : null}{" "}
          {group ? (
            <button type="button" className="link" onClick={() => setGroup(null)}>
              all groups
            </button>
          ) : null}
        </h2>
        <ErrorNotice error={letters.error} />
        {letters.data && !letters.data.contents ? <p className="muted small">Letters' contents are shown to editors and admins.</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {editor ? <th aria-label="Select" /> : null}
                <th>Dead-lettered</th>
                <th>Where</th>
                <th>From</th>
                <th>Stage</th>
                <th>Reason</th>
                <th className="num">Attempt</th>
                <th>Replayed</th>
              </tr>
            </thead>
            <tbody>
              {letters.data?.items.map((l) => (
                <tr key={`${l.partition}:${l.offset}`}>
                  {editor ? (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select letter ${l.partition}@${l.offset}`}
                        checked={picked.has(`${l.partition}@${l.offset}`)}
                        onChange={(e) => pick(l, e.target.checked)}
                      />
                    </td>
                  ) : null}
                  <td>{at(l.at)}</td>
                  <td className="mono">
                    <button type="button" className="link" onClick={() => setOpen(l)} aria-label={`Open letter ${l.partition}@${l.offset}`}>
                      {l.partition}@{l.offset}
                    </button>
                  </td>
                  <td className="mono">
                    {l.source.topic}[{l.source.partition}]@{l.source.offset}
                  </td>
                  <td>{l.stage}</td>
                  <td>{l.reason}</td>
                  <td className="num">{l.attempt}</td>
                  <td className="mono small">{l.replayedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editor && picked.size > 0 ? (
          <div className="row">
            <span className="muted small">{formatCount(picked.size)} selected</span>
            <FocusableButton disabled={test.isPending} onClick={() => test.mutate({ kind: "letters", letters: pickedLetters })}>
              Test selected
            </FocusableButton>
            <FocusableButton
              type="button"
              disabled={replay.isPending}
              onClick={() => {
                replay.mutate({ s: { kind: "letters", letters: pickedLetters }, force: [...picked.values()].some((p) => p.replayed) });
                setPicked(new Map());
              }}
            >
              Replay selected
            </FocusableButton>
            <button type="button" className="link" onClick={() => setPicked(new Map())}>
              clear
            </button>
          </div>
        ) : null}
        {letters.data ? (
          <div className="row small">
            <span className="muted">
              {letters.data.total === 0 ? "none" : `${offset + 1}–${offset + letters.data.items.length} of ${formatCount(letters.data.total)}`}
            </span>
            <FocusableButton disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 20))}>
              Newer
            </FocusableButton>
            <FocusableButton disabled={offset + 20 >= letters.data.total} onClick={() => setOffset(offset + 20)}>
              Older
            </FocusableButton>
          </div>
        ) : null}
      </section>
      {open ? (
        <ClosablePanel
          key={`${open.partition}@${open.offset}`}
          label="Letter"
          heading={
            <h2>
              Letter {open.partition}@{open.offset}
            </h2>
          }
          onClose={() => setOpen(null)}
        >
          <p>
            {open.stage}: {open.reason}
            {open.errorStatus ? ` (HTTP ${open.errorStatus}${open.errorType ? `, ${open.errorType}` : ""})` : null}
          </p>
          {open.message ? <RawMessageView message={open.message} /> : <p className="muted">Contents are shown to editors and admins.</p>}
          {editor ? (
            <div className="row">
              <button type="button" onClick={() => test.mutate({ kind: "letters", letters: [{ partition: open.partition, offset: open.offset }] })}>
                Test
              </button>
              <button
                type="button"
                className="primary"
                onClick={() =>
                  replay.mutate({ s: { kind: "letters", letters: [{ partition: open.partition, offset: open.offset }] }, force: open.replayedBy !== null })
                }
              >
                {open.replayedBy ? "Replay again" : "Replay"}
              </button>
            </div>
          ) : null}
        </ClosablePanel>
      ) : null}
    </>
  );
}

function TestResult({ answer }: { answer: z.infer<typeof TestAnswer> }) {
  const passing = answer.letters.filter((l) => l.passes).length;
  return (
    <section className="panel" aria-label="Test">
      <h2>
        Test against the current configuration{" "}
        <span className="muted small" data-testid="test-summary">
          {passing} of {answer.tested} would pass{answer.selected > answer.tested ? ` (the newest ${answer.tested} of ${answer.selected} tested)` : ""}
        </span>
      </h2>
      <div className="table-wrap">
        <table>
          <tbody>
            {answer.letters.map((l, i) => (
              <tr key={`${l.partition}:${l.offset}`}>
                <td className="mono">
                  {l.partition}@{l.offset}
                </td>
                <td>{l.passes ? "passes" : "fails"}</td>
                <td>{l.outcome}</td>
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
  const replays = useQuery(replaysOptions(taskId));
  if (!replays.data || replays.data.items.length === 0) {
    return null;
  }
  return (
    <section className="panel" aria-label="Replays">
      <h2>Replays</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Started</th>
              <th>By</th>
              <th>Status</th>
              <th className="num">Done</th>
              <th className="num">Written</th>
              <th className="num">Filtered</th>
              <th className="num">Failed again</th>
              <th className="num">Gone</th>
            </tr>
          </thead>
          <tbody>
            {replays.data.items.map((r: z.infer<typeof ReplayView>) => (
              <tr key={r.id} data-testid={`replay-${r.id}`}>
                <td title={r.id}>{formatTime(r.createdAt)}</td>
                <td>{r.actor}</td>
                <td data-testid="replay-status">
                  {r.status}
                  {r.error ? `: ${r.error}` : ""}
                </td>
                <td className="num">
                  {formatCount(r.position)} / {formatCount(r.total)}
                </td>
                <td className="num" data-testid="replay-written">
                  {formatCount(r.written)}
                </td>
                <td className="num">{formatCount(r.filtered)}</td>
                <td className="num">{formatCount(r.failedAgain)}</td>
                <td className="num">{formatCount(r.missing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Progress as recorded after each batch, updated {formatTime(new Date(replays.dataUpdatedAt).toISOString())}.</p>
    </section>
  );
}
