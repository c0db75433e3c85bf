"use client";

import { useQuery } from "@tanstack/react-query";
import { attentionCountOptions } from "../queries";
import { taskListText as t } from "../task-list-messages";
import styles from "./attention-count.module.css";

/** Beside "Tasks" in the navigation: how many tasks are failed or retrying now (nothing while none is). */
export function AttentionCount() {
  const count = useQuery(attentionCountOptions());
  if (!count.data) {
    return null;
  }
  return (
    <span className={styles.count} data-testid="attention-count" title={t.attentionCount(count.data)}>
      {count.data}
    </span>
  );
}
