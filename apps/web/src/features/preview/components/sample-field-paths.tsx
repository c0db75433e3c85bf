"use client";

import { useEffect, useSyncExternalStore } from "react";

/** The id of the one datalist of the sampled documents' field paths, which every field path input lists. */
export const SAMPLE_FIELD_PATHS_LIST = "sample-field-paths";

// The preview panel publishes the paths it sees; inputs elsewhere on the page read them.
let paths: readonly string[] = [];
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The field paths of the sampled documents now shown by the preview (empty without a preview). */
export function useSampleFieldPaths(): readonly string[] {
  return useSyncExternalStore(
    subscribe,
    () => paths,
    () => paths,
  );
}

/** Publishes `list` as the sampled field paths (while mounted) and renders them as the page's datalist. */
export function SampleFieldPaths({ list }: { list: string[] }) {
  const key = list.join("\n");
  useEffect(() => {
    paths = key === "" ? [] : key.split("\n");
    for (const l of listeners) {
      l();
    }
  }, [key]);
  useEffect(
    () => () => {
      paths = [];
      for (const l of listeners) {
        l();
      }
    },
    [],
  );
  return (
    <datalist id={SAMPLE_FIELD_PATHS_LIST} data-testid="sample-field-paths">
      {list.map((p) => (
        <option key={p} value={p} />
      ))}
    </datalist>
  );
}
