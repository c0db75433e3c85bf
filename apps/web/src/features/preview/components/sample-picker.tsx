"use client";

import { useTranslations } from "next-intl";
import type { SampleMessage } from "../preview-schemas";

/**
 * Tabs over the sampled messages (partition@offset, and the topic when there are several); `only` the indices a
 * search kept.
 */
export function SamplePicker({
  samples,
  selected,
  onSelect,
  only,
}: {
  samples: SampleMessage[];
  selected: number;
  onSelect: (i: number) => void;
  only?: number[];
}) {
  const t = useTranslations("preview.picker");
  const manyTopics = new Set(samples.map((m) => m.topic)).size > 1;
  const shown = only ?? samples.map((_, i) => i);
  return (
    <fieldset className="tabs field-group">
      <legend className="visually-hidden">{t("legend")}</legend>
      {shown.map((i) => {
        const m = samples[i] as SampleMessage;
        return (
          <button
            key={`${m.topic}:${m.partition}:${m.offset}`}
            type="button"
            aria-pressed={i === selected}
            title={t("title", { topic: m.topic, partition: m.partition, offset: m.offset })}
            onClick={() => onSelect(i)}
          >
            #{i + 1}{" "}
            <span className="muted small mono">
              {manyTopics ? `${m.topic} ` : ""}p{m.partition}@{m.offset}
            </span>
          </button>
        );
      })}
    </fieldset>
  );
}
