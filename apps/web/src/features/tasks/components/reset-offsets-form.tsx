"use client";

import type { ResetOffsetsRequest } from "@outflow/schemas/api/tasks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ClosablePanel } from "@/components/closable-panel";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { FormField } from "@/components/form-field";
import { DATE_INPUT_FORMAT, parseDateInput } from "@/lib/format-date";
import { useResetOffsets } from "../hooks/use-task-actions";
import type { TaskView } from "../task-schemas";

type Mode = "earliest" | "latest" | "timestamp" | "offsets";

/** Restart a stopped task from the earliest / latest offset, a point in time, or explicit offsets per partition. */
export function ResetOffsetsForm({ task, onDone }: { task: TaskView; onDone: () => void }) {
  const t = useTranslations("tasks.reset");
  const reset = useResetOffsets();
  const [mode, setMode] = useState<Mode>("earliest");
  const [when, setWhen] = useState("");
  const [offsets, setOffsets] = useState<Record<string, string>>(() =>
    Object.fromEntries(task.metrics.partitions.map((p) => [`${p.topic}:${p.partition}`, p.committedOffset ?? ""])),
  );
  const [start, setStart] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  const build = (): ResetOffsetsRequest | string => {
    if (mode === "earliest" || mode === "latest") {
      return { type: mode };
    }
    if (mode === "timestamp") {
      const ms = parseDateInput(when);
      return ms === null ? t("badTime", { format: DATE_INPUT_FORMAT }) : { type: "timestamp", timestamp: new Date(ms).toISOString() };
    }
    const list = task.metrics.partitions
      .map((p) => ({ topic: p.topic, partition: p.partition, offset: (offsets[`${p.topic}:${p.partition}`] ?? "").trim() }))
      .filter((o) => o.offset !== "");
    return list.length ? { type: "offsets", offsets: list } : t("noOffset");
  };

  const problemAt = (field: "timestamp") => (problem && mode === field ? [{ message: problem, origin: "client" as const }] : []);

  const submit = () => {
    const body = build();
    if (typeof body === "string") {
      setProblem(body);
      return;
    }
    setProblem(null);
    reset.mutate({ id: task.id, reset: body, start }, { onSuccess: onDone });
  };

  return (
    <ClosablePanel label={t("label")} focus="field" onClose={onDone}>
      <fieldset className="stack">
        <legend>{t("where")}</legend>
        {(["earliest", "latest", "timestamp", "offsets"] as Mode[]).map((m) => (
          <label key={m} className="checkbox">
            <input type="radio" name="reset-mode" checked={mode === m} onChange={() => setMode(m)} />
            {t(`modes.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === "timestamp" ? (
        <FormField label={t("from")} name="timestamp" htmlFor="reset-when" required errors={problemAt("timestamp")}>
          {(control) => <input {...control} type="text" placeholder={DATE_INPUT_FORMAT} value={when} onChange={(e) => setWhen(e.target.value)} />}
        </FormField>
      ) : null}
      {mode === "offsets" ? (
        task.metrics.partitions.length === 0 ? (
          <p className="muted">{t("noPartitions")}</p>
        ) : (
          <div className="table-wrap" style={{ marginTop: 10 }}>
            <table>
              <thead>
                <tr>
                  <th>{t("columns.topic")}</th>
                  <th className="num">{t("columns.partition")}</th>
                  <th className="num">{t("columns.committed")}</th>
                  <th className="num">{t("columns.end")}</th>
                  <th>{t("columns.next")}</th>
                </tr>
              </thead>
              <tbody>
                {task.metrics.partitions.map((p) => {
                  const key = `${p.topic}:${p.partition}`;
                  return (
                    <tr key={key}>
                      <td className="mono">{p.topic}</td>
                      <td className="num">{p.partition}</td>
                      <td className="num mono">{p.committedOffset ?? "—"}</td>
                      <td className="num mono">{p.endOffset ?? "—"}</td>
                      <td>
                        <input
                          aria-label={t("offsetFor", { partition: key })}
                          inputMode="numeric"
                          value={offsets[key] ?? ""}
                          onChange={(e) => setOffsets({ ...offsets, [key]: e.target.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <label className="checkbox" style={{ margin: "12px 0" }}>
        <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
        {t("startNow")}
      </label>
      {problem && mode !== "timestamp" ? (
        <div className="notice error" role="alert">
          {problem}
        </div>
      ) : null}
      <ErrorNotice error={reset.error} title={t("error")} />
      <div className="row">
        <FocusableButton className="primary" onClick={submit} disabled={reset.isPending}>
          {reset.isPending ? t("resetting") : start ? t("resetAndStart") : t("resetOnly")}
        </FocusableButton>
        <button type="button" onClick={onDone}>
          {t("cancel")}
        </button>
      </div>
    </ClosablePanel>
  );
}
