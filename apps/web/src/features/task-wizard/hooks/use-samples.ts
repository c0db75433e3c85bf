"use client";

import type { TaskConfigInput } from "@outflow/schemas/task-config";
import { useQuery } from "@tanstack/react-query";
import { type SampleParams, sampleOptions } from "@/features/preview/queries";
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

/** The first messages of the chosen topics, and the one the previews show. */
export function useSamples() {
  const w = useWizard();
  const params = sampleParamsOf(w.draft.config);
  const query = useQuery(sampleOptions(params));
  const samples = query.data ?? [];
  const index = Math.min(w.sampleIndex, Math.max(samples.length - 1, 0));
  return { query, samples, index, selected: samples[index], select: w.setSampleIndex, ready: params.connectionId !== "" && params.topics.length > 0 };
}
