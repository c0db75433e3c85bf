"use client";

import type { SampleMessage } from "../preview-schemas";

/** Tabs over the sampled messages (topic, partition, offset). */
export function SamplePicker({ samples, selected, onSelect }: { samples: SampleMessage[]; selected: number; onSelect: (i: number) => void }) {
  return (
    <div className="tabs" role="tablist" aria-label="Sample messages">
      {samples.map((m, i) => (
        <button key={`${m.topic}:${m.partition}:${m.offset}`} type="button" role="tab" aria-selected={i === selected} onClick={() => onSelect(i)}>
          #{i + 1}{" "}
          <span className="muted small mono">
            {m.topic}/{m.partition}@{m.offset}
          </span>
        </button>
      ))}
    </div>
  );
}
