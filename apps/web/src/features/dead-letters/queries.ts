import { DeadLetterGroups, DeadLetterPage, DeadLetterTestResult, DiscardPage, ReplayPage, ReplayView } from "@outflow/schemas/api/dead-letters";
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "@/lib/http/fetch-json";

const base = (taskId: string) => `/api/tasks/${encodeURIComponent(taskId)}`;

export const deadLetterKeys = {
  all: (taskId: string) => ["dead-letters", taskId] as const,
  replays: (taskId: string) => ["dead-letters", taskId, "replays"] as const,
};

/** Groups of the scanned letters; read again every 10 s (a scan reads the topic only when its ends moved). */
export const groupsOptions = (taskId: string) =>
  queryOptions({
    queryKey: [...deadLetterKeys.all(taskId), "groups"] as const,
    queryFn: () => fetchJson(`${base(taskId)}/dead-letters/groups`, DeadLetterGroups),
    refetchInterval: 10_000,
  });

export const lettersOptions = (taskId: string, group: string | null, offset: number) =>
  queryOptions({
    queryKey: [...deadLetterKeys.all(taskId), "letters", group, offset] as const,
    queryFn: () =>
      fetchJson(`${base(taskId)}/dead-letters?${new URLSearchParams({ ...(group ? { group } : {}), offset: String(offset), limit: "20" })}`, DeadLetterPage),
  });

/** Replays, newest first: polled every second while one is queued or running. */
export const replaysOptions = (taskId: string) =>
  queryOptions({
    queryKey: deadLetterKeys.replays(taskId),
    queryFn: () => fetchJson(`${base(taskId)}/dead-letters/replays?limit=20`, ReplayPage),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === "queued" || r.status === "running") ? 1_000 : 10_000),
  });

export const discardsOptions = (taskId: string, offset: number) =>
  queryOptions({
    queryKey: ["discards", taskId, offset] as const,
    queryFn: () => fetchJson(`${base(taskId)}/discards?offset=${offset}&limit=20`, DiscardPage),
    refetchInterval: 10_000,
  });

export type Selection = { kind: "group"; group: string } | { kind: "all" } | { kind: "letters"; letters: { partition: number; offset: string }[] };

export const TestAnswer = z.object({
  tested: z.int(),
  selected: z.int(),
  letters: DeadLetterTestResult.shape.letters,
  preview: z.object({ rows: z.array(z.object({ bulk: z.string() }).loose()) }).loose(),
});

export function testLetters(taskId: string, selection: Selection) {
  return fetchJson(`${base(taskId)}/dead-letters/test`, TestAnswer, { method: "POST", body: { selection } });
}

export function replayLetters(taskId: string, selection: Selection, force: boolean) {
  return fetchJson(`${base(taskId)}/dead-letters/replays`, ReplayView, { method: "POST", body: { selection, force } });
}
