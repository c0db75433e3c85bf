"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useFormat } from "@/lib/use-format";
import { discoverLink } from "../dashboards-link";
import { taskIndicesOptions } from "../queries";

const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** The indices the task writes, newest name first, with their documents and sizes (every role sees these). */
export function TaskIndices({ taskId, onPick }: { taskId: string; onPick?: (index: string) => void }) {
  const t = useTranslations("explorer.indices");
  const tp = useTranslations("explorer.pager");
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const list = useQuery(taskIndicesOptions(taskId, offset));
  if (list.isPending) {
    return <p className="muted">{t("loading")}</p>;
  }
  if (!list.data) {
    return <ErrorNotice error={list.error} title={t("failed")} />;
  }
  const l = list.data;
  return (
    <div className="stack" data-testid="task-indices">
      <p className="muted small">
        {t.rich(l.exact ? "summaryExact" : "summaryShape", { shape: l.shape, total: f.count(l.total), time: f.time(l.readAt), code })}
      </p>
      {l.items.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("index")}</th>
                <th>{t("documents")}</th>
                <th>{t("size")}</th>
                <th>{t("health")}</th>
                {l.dashboardsUrl ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {l.items.map((i) => (
                <tr key={i.index}>
                  <td className="mono">
                    {onPick ? (
                      <button type="button" className="link" onClick={() => onPick(i.index)}>
                        {i.index}
                      </button>
                    ) : (
                      i.index
                    )}
                  </td>
                  <td>{i.documents === null ? `— (${i.status ?? t("closed")})` : f.count(i.documents)}</td>
                  <td>{i.primaryBytes === null ? "—" : f.bytes(i.primaryBytes)}</td>
                  <td>{i.health ?? "—"}</td>
                  {l.dashboardsUrl ? (
                    <td>
                      <a href={discoverLink(l.dashboardsUrl, i.index)} target="_blank" rel="noreferrer">
                        {t("discover")}
                      </a>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {l.total > l.limit ? (
        <div className="row">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - l.limit))}>
            {tp("newer")}
          </button>
          <span className="muted small">{tp("rangeOf", { from: f.count(offset + 1), to: f.count(offset + l.items.length), total: f.count(l.total) })}</span>
          <button type="button" disabled={l.nextOffset === null} onClick={() => setOffset(l.nextOffset ?? offset)}>
            {tp("older")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
