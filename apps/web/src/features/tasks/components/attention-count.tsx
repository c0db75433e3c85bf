"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/use-format";
import { attentionCountOptions } from "../queries";
import styles from "./attention-count.module.css";

/** Beside "Tasks" in the navigation: how many tasks are failed or retrying now (nothing while none is). */
export function AttentionCount() {
  const t = useTranslations("tasks.attention");
  const f = useFormat();
  const count = useQuery(attentionCountOptions());
  if (!count.data) {
    return null;
  }
  return (
    <span className={styles.count} data-testid="attention-count" title={t("title", { count: count.data })}>
      {f.count(count.data)}
    </span>
  );
}
