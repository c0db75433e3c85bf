"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { topicsOptions } from "@/features/connections/queries";
import { useWizard } from "../../wizard-context";

const PATH = "source.topics";

/** 1–5 topics of the chosen Kafka connection, as checkboxes (with a filter for long lists). */
export function TopicPicker() {
  const t = useTranslations("wizard.topics");
  const w = useWizard();
  const connectionId = String(w.get("source.connectionId") ?? "");
  const topics = useQuery(topicsOptions(connectionId));
  const chosen = (w.get(PATH) as string[] | undefined) ?? [];
  const [filter, setFilter] = useState("");
  const errors = w.issues.filter((i) => i.field === PATH || i.field.startsWith(`${PATH}.`)).map((i) => ({ message: i.message, origin: i.origin }));
  const visible = (topics.data ?? []).filter((x) => !x.name.startsWith("__") && x.name.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (name: string, on: boolean) => w.set(PATH, on ? [...chosen, name] : chosen.filter((x) => x !== name));

  return (
    <FormField
      group
      label={t("label")}
      name={PATH}
      hint={chosen.length ? t("chosenList", { n: chosen.length, topics: chosen.join(", ") }) : t("chosen", { n: 0 })}
      errors={errors}
    >
      {connectionId === "" ? <p className="muted">{t("chooseConnection")}</p> : null}
      <ErrorNotice error={topics.error} title={t("listFailed")} />
      {topics.data ? (
        <>
          <div className="row">
            <input type="text" placeholder={t("filter")} aria-label={t("filter")} value={filter} onChange={(e) => setFilter(e.target.value)} />
            <button type="button" onClick={() => void topics.refetch()} disabled={topics.isFetching}>
              {topics.isFetching ? t("refreshing") : t("refresh")}
            </button>
          </div>
          <div className="topic-list">
            {visible.map((topic) => (
              <label key={topic.name}>
                <input type="checkbox" checked={chosen.includes(topic.name)} onChange={(e) => toggle(topic.name, e.target.checked)} />
                <span className="mono">{topic.name}</span>
                <span className="muted small">{t("partitions", { n: topic.partitions })}</span>
              </label>
            ))}
            {visible.length === 0 ? <span className="muted">{filter ? t("noneMatch") : t("none")}</span> : null}
          </div>
        </>
      ) : topics.isFetching ? (
        <p className="muted">{t("listing")}</p>
      ) : null}
    </FormField>
  );
}
