"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { topicsOptions } from "@/features/connections/queries";
import { useWizard } from "../../wizard-context";

const PATH = "source.topics";

/** 1–5 topics of the chosen Kafka connection, as checkboxes (with a filter for long lists). */
export function TopicPicker() {
  const w = useWizard();
  const connectionId = String(w.get("source.connectionId") ?? "");
  const topics = useQuery(topicsOptions(connectionId));
  const chosen = (w.get(PATH) as string[] | undefined) ?? [];
  const [filter, setFilter] = useState("");
  const errors = w.issues.filter((i) => i.field === PATH || i.field.startsWith(`${PATH}.`)).map((i) => ({ message: i.message, origin: i.origin }));
  const visible = (topics.data ?? []).filter((t) => !t.name.startsWith("__") && t.name.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (name: string, on: boolean) => w.set(PATH, on ? [...chosen, name] : chosen.filter((t) => t !== name));

  return (
    <FormField group label="Topics" name={PATH} hint={`${chosen.length} of at most 5 chosen${chosen.length ? `: ${chosen.join(", ")}` : ""}`} errors={errors}>
      {connectionId === "" ? <p className="muted">Choose a Kafka connection first.</p> : null}
      <ErrorNotice error={topics.error} title="Could not list topics" />
      {topics.data ? (
        <>
          <div className="row">
            <input type="text" placeholder="Filter topics" aria-label="Filter topics" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <button type="button" onClick={() => void topics.refetch()} disabled={topics.isFetching}>
              {topics.isFetching ? "Refreshing…" : "Refresh"}
            </button>
          </div>
          <div className="topic-list">
            {visible.map((t) => (
              <label key={t.name}>
                <input type="checkbox" checked={chosen.includes(t.name)} onChange={(e) => toggle(t.name, e.target.checked)} />
                <span className="mono">{t.name}</span>
                <span className="muted small">
                  {t.partitions} partition{t.partitions === 1 ? "" : "s"}
                </span>
              </label>
            ))}
            {visible.length === 0 ? <span className="muted">No topics{filter ? " match" : ""}.</span> : null}
          </div>
        </>
      ) : topics.isFetching ? (
        <p className="muted">Listing topics…</p>
      ) : null}
    </FormField>
  );
}
