"use client";

import type { SampleMessage } from "../preview-schemas";

/** Tabs over the sampled messages (partition@offset, and the topic when there are several). */
export function SamplePicker({ samples, selected, onSelect }: { samples: SampleMessage[]; selected: number; onSelect: (i: number) => void }) {
  const manyTopics = new Set(samples.map((m) => m.topic)).size > 1;
  return (
    <div className="tabs" role="tablist" aria-label="Sample messages">
      {samples.map((m, i) => (
        <button
          key={`${m.topic}:${m.partition}:${m.offset}`}
          type="button"
          role="tab"
          aria-selected={i === selected}
          title={`${m.topic}, partition ${m.partition}, offset ${m.offset}`}
          onClick={() => onSelect(i)}
        >
          #{i + 1}{" "}
          <span className="muted small mono">
            {manyTopics ? `${m.topic} ` : ""}p{m.partition}@{m.offset}
          </span>
        </button>
      ))}
    </div>
  );
}
