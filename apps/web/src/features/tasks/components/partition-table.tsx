"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/use-format";
import type { TaskView } from "../task-schemas";

type Partition = TaskView["metrics"]["partitions"][number];

/** The ledger cell: balanced, in flight while a runner holds it, or the difference once none does. */
function LedgerCell({ p, running }: { p: Partition; running: boolean }) {
  const t = useTranslations("tasks.partitions");
  const f = useFormat();
  const l = p.ledger;
  const title = t("cellTitle", {
    committed: f.count(l.committed),
    from: l.countedFrom ?? "—",
    to: l.committedOffset ?? "—",
    settled: f.count(l.settled),
    retained: f.count(l.retained),
  });
  if (l.balanced === null) {
    return <span title={title}>{t("notRead")}</span>;
  }
  if (l.balanced) {
    return (
      <span className="ledger-ok" title={title}>
        ✓ {f.count(l.committed)} = {f.count(l.settled)}
      </span>
    );
  }
  return (
    <span className={running ? undefined : "stale-text"} title={title}>
      {running ? t("inFlight") : t("off")} {(l.unaccounted ?? 0) > 0 ? "+" : ""}
      {f.count(l.unaccounted)}
    </span>
  );
}

/** Per partition: committed and end offsets, lag, counters and the ledger since the last offset reset. */
export function PartitionTable({ partitions, running }: { partitions: Partition[]; running: boolean }) {
  const t = useTranslations("tasks.partitions");
  const f = useFormat();
  if (partitions.length === 0) {
    return <p className="muted">{t("none")}</p>;
  }
  return (
    <div className="table-wrap">
      <table aria-label={t("label")}>
        <thead>
          <tr>
            <th>{t("columns.topic")}</th>
            <th className="num">{t("columns.partition")}</th>
            <th className="num">{t("columns.committedOffset")}</th>
            <th className="num">{t("columns.endOffset")}</th>
            <th className="num">{t("columns.lag")}</th>
            <th className="num">{t("columns.in")}</th>
            <th className="num">{t("columns.written")}</th>
            <th className="num">{t("columns.filtered")}</th>
            <th className="num">{t("columns.discarded")}</th>
            <th className="num">{t("columns.deadLettered")}</th>
            <th className="num" title={t("ledgerTitle")}>
              {t("columns.ledger")}
            </th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr key={`${p.topic}:${p.partition}`} data-testid={`partition-${p.topic}-${p.partition}`}>
              <td className="mono">{p.topic}</td>
              <td className="num">{p.partition}</td>
              <td className="num mono">{p.committedOffset ?? "—"}</td>
              <td className="num mono">{p.endOffset ?? "—"}</td>
              <td className="num">{f.count(p.lag)}</td>
              <td className="num">{f.count(p.messagesIn)}</td>
              <td className="num">{f.count(p.messagesWritten)}</td>
              <td className="num">{f.count(p.filtered)}</td>
              <td className="num">{f.count(p.discarded)}</td>
              <td className="num">{f.count(p.deadLettered)}</td>
              <td className="num" data-testid="ledger">
                <LedgerCell p={p} running={running} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
