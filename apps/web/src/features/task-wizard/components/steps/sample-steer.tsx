"use client";

import { HeldPage } from "@outflow/schemas/api/held";
import type { Issue } from "@outflow/schemas/errors";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { type FieldMessage, FormField } from "@/components/form-field";
import { messageKey, PASTED_TOPIC, pastedMessage, type Steer } from "@/features/preview/steer";
import { fetchJson, isApiError } from "@/lib/http/fetch-json";
import type { SamplesApi } from "../../hooks/use-samples";

const LIMITS = [5, 10, 20, 50];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The API's message about one field of the sample request (partition, offset, timestamp), as the field's error. */
function apiErrorsAt(error: unknown, field: string): FieldMessage[] {
  if (!isApiError(error)) {
    return [];
  }
  return error.allIssues.filter((i) => i.field === field).map((i) => ({ message: i.message, origin: "server" as const }));
}

const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * Where the preview reads (as the task starts, a partition and offset, the latest, a time), stepping to the next or
 * previous message, a search of the sampled messages, a message of your own, and (editing a task) its held messages.
 */
export function SampleSteer({ samples }: { samples: SamplesApi }) {
  const t = useTranslations("wizard.steer");
  const { steer, partitions, topics } = samples;
  const [form, setForm] = useState<Steer>(steer);
  const [time, setTime] = useState(() => toLocalInput(steer.timestamp ?? Date.now() - 3_600_000));
  const [open, setOpen] = useState(false);
  // A step or a jump steers too: the form shows where the sample now reads.
  useEffect(() => setForm(steer), [steer]);
  const partitionValue = form.partition === undefined ? "" : `${form.topic ?? topics[0]}:${form.partition}`;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next: Steer = { ...form };
    if (next.position === "timestamp") {
      next.timestamp = new Date(time).getTime();
    }
    if (next.position === "offset" && next.partition === undefined) {
      const first = partitions[0];
      next.topic = first?.topic;
      next.partition = first?.partition ?? 0;
    }
    setForm(next);
    samples.setSteer(next);
  };

  return (
    <div className="stack" data-testid="sample-steer">
      <form className="inline-fields subpanel" onSubmit={apply} aria-label={t("formLabel")}>
        <FormField label={t("read")} name="sample.position" htmlFor="sample-position">
          <select id="sample-position" value={form.position} onChange={(e) => setForm({ ...form, position: e.target.value as Steer["position"] })}>
            <option value="start">{t("asTaskStarts")}</option>
            <option value="earliest">{t("earliest")}</option>
            <option value="latest">{t("latest")}</option>
            <option value="timestamp">{t("fromTime")}</option>
            <option value="offset">{t("fromOffset")}</option>
          </select>
        </FormField>
        <FormField label={t("partition")} name="sample.partition" htmlFor="sample-partition" errors={apiErrorsAt(samples.query.error, "partition")}>
          <select
            id="sample-partition"
            value={partitionValue}
            onChange={(e) => {
              const [topic, p] =
                e.target.value === "" ? [undefined, undefined] : [e.target.value.slice(0, e.target.value.lastIndexOf(":")), e.target.value.split(":").pop()];
              setForm({ ...form, topic, partition: p === undefined ? undefined : Number(p) });
            }}
          >
            {form.position === "offset" ? null : <option value="">{t("allPartitions")}</option>}
            {partitions.map((b) => (
              <option key={`${b.topic}:${b.partition}`} value={`${b.topic}:${b.partition}`}>
                {topics.length > 1 ? `${b.topic} ` : ""}
                {b.low === b.high
                  ? t("partitionEmpty", { partition: b.partition })
                  : t("partitionOffsets", { partition: b.partition, low: b.low, high: String(BigInt(b.high) - 1n) })}
              </option>
            ))}
            {form.partition !== undefined && !partitions.some((b) => b.partition === form.partition) ? (
              <option value={partitionValue}>{form.partition}</option>
            ) : null}
          </select>
        </FormField>
        {form.position === "offset" ? (
          <FormField label={t("offset")} name="sample.offset" htmlFor="sample-offset" errors={apiErrorsAt(samples.query.error, "offset")}>
            <input
              id="sample-offset"
              className="mono"
              inputMode="numeric"
              value={form.offset ?? ""}
              onChange={(e) => setForm({ ...form, offset: e.target.value.trim() })}
              placeholder="0"
            />
          </FormField>
        ) : null}
        {form.position === "timestamp" ? (
          <FormField label={t("fromZone", { zone: ZONE })} name="sample.timestamp" htmlFor="sample-time" errors={apiErrorsAt(samples.query.error, "timestamp")}>
            <input id="sample-time" type="datetime-local" value={time} onChange={(e) => setTime(e.target.value)} />
          </FormField>
        ) : null}
        <FormField label={t("messages")} name="sample.limit" htmlFor="sample-limit" errors={apiErrorsAt(samples.query.error, "limit")}>
          <select id="sample-limit" value={form.limit} onChange={(e) => setForm({ ...form, limit: Number(e.target.value) })}>
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </FormField>
        <div className="field">
          <button type="submit" disabled={!samples.ready}>
            {t("read")}
          </button>
        </div>
      </form>
      <div className="row">
        <button type="button" onClick={() => samples.step?.(-1)} disabled={!samples.step || !samples.selected} aria-label={t("previousLabel")}>
          {t("previous")}
        </button>
        <button type="button" onClick={() => samples.step?.(1)} disabled={!samples.step || !samples.selected} aria-label={t("nextLabel")}>
          {t("next")}
        </button>
        {samples.selected ? (
          <span className="muted small" data-testid="sample-position">
            {samples.selected.topic === PASTED_TOPIC && samples.pasted
              ? t("yourMessage")
              : t("position", { topic: samples.selected.topic, partition: samples.selected.partition, offset: samples.selected.offset })}
          </span>
        ) : null}
        <label className="row small" style={{ marginLeft: "auto" }}>
          <span>{t("search")}</span>
          <input type="search" value={samples.search} onChange={(e) => samples.setSearch(e.target.value)} placeholder={t("searchPlaceholder")} />
        </label>
        {samples.search.trim() ? (
          <span className="muted small" role="status">
            {t("matches", { n: samples.matches.length, total: samples.samples.length })}
          </span>
        ) : null}
      </div>
      {samples.note ? (
        <p className="muted small" role="status">
          {samples.note}
        </p>
      ) : null}
      {samples.cutAtBytes ? <p className="muted small">{t("cutAtBytes")}</p> : null}
      <HeldJump samples={samples} />
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t("pasteSummary")}</summary>
        <PasteForm samples={samples} />
      </details>
      {samples.pasted ? (
        <p className="notice" data-testid="pasted-banner">
          {t("previewingOwn")}{" "}
          <button type="button" onClick={() => samples.paste(null)}>
            {t("backToSampled")}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function PasteForm({ samples }: { samples: SamplesApi }) {
  const t = useTranslations("wizard.steer");
  const steerT = useTranslations("preview.steer");
  const [value, setValue] = useState("");
  const [key, setKey] = useState("");
  const [headers, setHeaders] = useState("");
  const [issues, setIssues] = useState<Issue[]>([]);
  const at = (field: string): FieldMessage[] => issues.filter((i) => i.field === field).map((i) => ({ message: i.message, origin: "client" }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = pastedMessage({ value, key, headers }, steerT);
    setIssues(r.ok ? [] : r.issues);
    if (r.ok) {
      samples.paste(r.message);
    }
  };
  return (
    <form className="stack subpanel" onSubmit={submit} aria-label={t("ownLabel")}>
      <FormField label={t("value")} name="pasted.value" htmlFor="pasted-value" errors={at("value")}>
        <textarea id="pasted-value" className="mono" rows={5} value={value} onChange={(e) => setValue(e.target.value)} placeholder='{"level":"error"}' />
      </FormField>
      <div className="inline-fields">
        <FormField label={t("key")} name="pasted.key" htmlFor="pasted-key" errors={at("key")}>
          <input id="pasted-key" className="mono" value={key} onChange={(e) => setKey(e.target.value)} />
        </FormField>
        <FormField label={t("headers")} hint={t("headersHint")} name="pasted.headers" htmlFor="pasted-headers" errors={at("headers")}>
          <textarea id="pasted-headers" className="mono" rows={2} value={headers} onChange={(e) => setHeaders(e.target.value)} />
        </FormField>
      </div>
      <div>
        <button type="submit">{t("previewThis")}</button>
      </div>
    </form>
  );
}

/** Editing a task that holds messages (retain policy): a button per held message that reads the preview from it. */
function HeldJump({ samples }: { samples: SamplesApi }) {
  const t = useTranslations("wizard.steer");
  const params = useParams<{ id?: string }>();
  const taskId = typeof params?.id === "string" ? params.id : "";
  const held = useQuery({
    queryKey: ["preview", "held", taskId],
    queryFn: () => fetchJson(`/api/tasks/${encodeURIComponent(taskId)}/held?limit=10`, HeldPage),
    enabled: taskId !== "",
    retry: false,
    staleTime: 30_000,
  });
  const items = (held.data?.items ?? []).filter((h) => samples.topics.includes(h.topic));
  if (items.length === 0) {
    return null;
  }
  return (
    <div className="notice warn" data-testid="held-jump">
      <strong>{t("held", { n: items.length })}</strong>
      <ul>
        {items.map((h) => (
          <li key={messageKey(h)}>
            {t("heldItem", { topic: h.topic, partition: h.partition, offset: h.offset, stage: h.stage, reason: h.reason })}{" "}
            <button
              type="button"
              onClick={() =>
                samples.setSteer({ position: "offset", topic: h.topic, partition: h.partition, offset: h.offset, limit: samples.steer.limit }, messageKey(h))
              }
            >
              {t("previewFromHere")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
