"use client";

import type { TaskConfigInput } from "@outflow/schemas/task-config";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useSyncExternalStore } from "react";
import type { SampleMessage } from "@/features/preview/preview-schemas";
import { type SampleParams, sampleWindowOptions } from "@/features/preview/queries";
import { DEFAULT_STEER, messageKey, type StartSample, type Steer, sampleQuery, searchSamples, stepFrom } from "@/features/preview/steer";
import { useWizard } from "../wizard-context";

const SAMPLE_LIMIT = 5;

/** Sample parameters from the draft's source: its connection, topics and start position (committed reads as earliest). */
export function sampleParamsOf(config: TaskConfigInput): SampleParams {
  const source = config.source ?? { connectionId: "", topics: [] };
  const sp = source.startPosition ?? { type: "earliest" };
  const base = { connectionId: source.connectionId ?? "", topics: source.topics ?? [], limit: SAMPLE_LIMIT };
  if (sp.type === "latest") {
    return { ...base, position: "latest" };
  }
  if (sp.type === "timestamp") {
    const ms = typeof sp.timestamp === "number" ? sp.timestamp : Date.parse(sp.timestamp);
    return Number.isNaN(ms) ? { ...base, position: "earliest" } : { ...base, position: "timestamp", timestamp: ms };
  }
  return { ...base, position: "earliest" };
}

/**
 * How the preview is steered, shared by every step of the wizard (parse, rules, target) for one connection and
 * topics: choosing other topics starts over. A module store (not the wizard's context): the steps mount and
 * unmount, the steering stays.
 */
type SteerState = {
  scope: string;
  steer: Steer;
  /** The selected message (topic:partition:offset); the first one when absent from the sample. */
  selected: string | null;
  search: string;
  /** A message typed by the user, previewed instead of the sampled ones. */
  pasted: SampleMessage | null;
  note: string | null;
};

const fresh = (scope: string): SteerState => ({ scope, steer: DEFAULT_STEER, selected: null, search: "", pasted: null, note: null });
let state: SteerState = fresh("");
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
function update(scope: string, change: (s: SteerState) => Partial<SteerState>) {
  const base = state.scope === scope ? state : fresh(scope);
  state = { ...base, ...change(base) };
  for (const l of listeners) {
    l();
  }
}

function startOf(p: SampleParams): StartSample {
  return p.position === "timestamp" && p.timestamp !== undefined
    ? { position: "timestamp", timestamp: p.timestamp }
    : { position: p.position === "latest" ? "latest" : "earliest" };
}

/** The sampled messages (or the user's own), the one the previews show, and the controls that steer them. */
export function useSamples() {
  const w = useWizard();
  const steerT = useTranslations("preview.steer");
  const params = sampleParamsOf(w.draft.config);
  const scope = `${params.connectionId}|${params.topics.join(",")}`;
  const current = useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
  const s = current.scope === scope ? current : fresh(scope);
  const ready = params.connectionId !== "" && params.topics.length > 0;
  const query = useQuery(sampleWindowOptions(sampleQuery(params.connectionId, params.topics, startOf(params), s.steer), ready));
  const read = query.data?.items ?? [];
  const samples = s.pasted ? [s.pasted] : read;
  const found = s.selected === null ? -1 : samples.findIndex((m) => messageKey(m) === s.selected);
  const index = Math.max(found, 0);
  const matches = searchSamples(samples, s.search);

  const select = useCallback((i: number) => update(scope, () => ({ selected: samples[i] ? messageKey(samples[i]) : null, note: null })), [scope, samples]);
  const setSteer = useCallback(
    (steer: Steer, target: string | null = null) => update(scope, () => ({ steer, selected: target, pasted: null, note: null })),
    [scope],
  );
  const step = useCallback(
    (dir: 1 | -1) => {
      const r = stepFrom(samples, index, dir, query.data?.partitions ?? [], s.steer.limit, steerT);
      if (r.kind === "select") {
        select(r.index);
      } else if (r.kind === "read") {
        setSteer(r.steer, r.target);
      } else {
        update(scope, () => ({ note: r.why }));
      }
    },
    [samples, index, query.data, s.steer.limit, steerT, select, setSteer, scope],
  );

  return {
    query,
    samples,
    index,
    selected: samples[index],
    select,
    ready,
    steer: s.steer,
    setSteer,
    step: s.pasted ? null : step,
    partitions: query.data?.partitions ?? [],
    cutAtBytes: query.data?.cutAtBytes ?? false,
    topics: params.topics,
    search: s.search,
    setSearch: (search: string) => update(scope, () => ({ search })),
    matches,
    pasted: s.pasted,
    paste: (m: SampleMessage | null) => update(scope, () => ({ pasted: m, selected: null, note: null })),
    note: s.note,
  };
}

export type SamplesApi = ReturnType<typeof useSamples>;
