"use client";

import { type CompiledTask, previewMessages, safeCompileTask, wireToMessage } from "@outflow/pipeline";
import type { Issue } from "@outflow/schemas/errors";
import type { TaskConfigInput } from "@outflow/schemas/task-config";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { PreviewRow, SampleMessage } from "@/features/preview/preview-schemas";
import { serverPreviewOptions } from "@/features/preview/queries";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { useWizard } from "../wizard-context";

/** `parse`: parsing only (no rules); `all`: the whole config. */
export type PreviewScope = "parse" | "all";

/**
 * The draft as a previewable config: placeholders where the target is not chosen yet, no rules for the parse step,
 * and a failure policy that cannot itself be invalid (previews never send anything).
 */
export function previewConfigOf(config: TaskConfigInput, scope: PreviewScope): TaskConfigInput {
  const sink = config.sink ?? { connectionId: "", index: "" };
  return {
    ...config,
    rules: scope === "parse" ? [] : config.rules,
    sink: { ...sink, connectionId: sink.connectionId || "preview", index: sink.index || "preview" },
    failure: { policy: "discard" },
  };
}

type Compiled = { config: TaskConfigInput; task: CompiledTask | null; issues: Issue[] };

function useCompiledPreviewConfig(scope: PreviewScope): Compiled {
  const { draft } = useWizard();
  return useMemo(() => {
    const config = previewConfigOf(draft.config, scope);
    const r = safeCompileTask(config);
    return r.ok ? { config, task: r.task, issues: [] } : { config, task: null, issues: r.issues };
  }, [draft.config, scope]);
}

/** Runs the pipeline in the browser (instant): the same processMessage the worker runs. */
export function useClientPreview(samples: SampleMessage[], scope: PreviewScope): { rows: PreviewRow[]; issues: Issue[] } {
  const { task, issues } = useCompiledPreviewConfig(scope);
  const rows = useMemo(() => {
    if (!task) {
      return [];
    }
    const now = Date.now();
    return previewMessages(
      task,
      samples.map((m) => wireToMessage(m, now)),
      now,
    ) as PreviewRow[];
  }, [task, samples]);
  return { rows, issues };
}

/** Asks the server (`POST /api/preview`) once the draft has settled for a moment. */
export function useServerPreview(samples: SampleMessage[], scope: PreviewScope) {
  const compiled = useCompiledPreviewConfig(scope);
  const settled = useDebouncedValue({ config: compiled.config, ok: compiled.task !== null }, 300);
  const query = useQuery(serverPreviewOptions(settled.config, samples, settled.ok));
  return {
    query,
    rows: query.data?.rows ?? [],
    issues: compiled.issues,
    isStale: compiled.task !== null && (query.isPlaceholderData || settled.config !== compiled.config),
  };
}
