import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/fetch-json";
import { PreviewResult, SampleList, type SampleMessage, SampleWindow } from "./preview-schemas";

export type SampleParams = {
  connectionId: string;
  topics: string[];
  position: "earliest" | "latest" | "timestamp";
  timestamp?: number;
  limit: number;
};

export const previewKeys = {
  all: ["preview"] as const,
  samples: (p: SampleParams) => [...previewKeys.all, "samples", p] as const,
  window: (query: string) => [...previewKeys.all, "window", query] as const,
  run: (config: unknown, messages: SampleMessage[]) =>
    [...previewKeys.all, "run", JSON.stringify(config), messages.map((m) => `${m.topic}:${m.partition}:${m.offset}`)] as const,
};

/** The first messages of the topics at the start position (a throwaway consumer; no task offsets move). */
export const sampleOptions = (p: SampleParams) =>
  queryOptions({
    queryKey: previewKeys.samples(p),
    queryFn: async () => {
      const q = new URLSearchParams({ topics: p.topics.join(","), limit: String(p.limit), position: p.position });
      if (p.position === "timestamp" && p.timestamp !== undefined) {
        q.set("timestamp", String(p.timestamp));
      }
      return (await fetchJson(`/api/connections/${encodeURIComponent(p.connectionId)}/sample?${q}`, SampleList)).items;
    },
    enabled: p.connectionId !== "" && p.topics.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

/** A steered sample (`GET /api/preview/sample`, see steer.ts's sampleQuery), with the partitions' bounds. */
export const sampleWindowOptions = (query: URLSearchParams, enabled: boolean) =>
  queryOptions({
    queryKey: previewKeys.window(query.toString()),
    queryFn: () => fetchJson(`/api/preview/sample?${query}`, SampleWindow),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

/** The server's preview (`POST /api/preview`): the worker's own pipeline, step by step, on the given messages. */
export const serverPreviewOptions = (config: unknown, messages: SampleMessage[], enabled: boolean) =>
  queryOptions({
    queryKey: previewKeys.run(config, messages),
    queryFn: () => fetchJson("/api/preview", PreviewResult, { method: "POST", body: { config, messages } }),
    enabled: enabled && messages.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    retry: false,
  });
