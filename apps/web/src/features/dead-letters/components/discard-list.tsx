"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useFormat } from "@/lib/use-format";
import { discardsOptions } from "../queries";

/** Discard policy: the discards the worker sampled (one event per 5 s at most) and how many it did not. */
export function DiscardList({ taskId }: { taskId: string }) {
  const t = useTranslations("deadLetters");
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const discards = useQuery(discardsOptions(taskId, offset));
  const d = discards.data;
  return (
    <section className="panel" aria-label={t("discards.label")}>
      <ErrorNotice error={discards.error} />
      {d ? (
        <p data-testid="discard-counts">
          {t(d.countedAt ? "discards.countsAt" : "discards.counts", {
            discarded: f.count(d.discarded),
            time: d.countedAt ? f.time(d.countedAt) : "",
            sampled: f.count(d.sampled),
            notSampled: f.count(d.notSampled),
          })}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("discards.when")}</th>
              <th>{t("discards.where")}</th>
              <th>{t("discards.stage")}</th>
              <th>{t("discards.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {d?.items.map((x) => (
              <tr key={`${x.at}:${x.topic}:${x.partition}:${x.offset}`}>
                <td>{f.time(x.at)}</td>
                <td className="mono">
                  {x.topic}[{x.partition}]@{x.offset}
                </td>
                <td>{x.stage}</td>
                <td data-server-text="">{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d ? (
        <div className="row small">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 20))}>
            {t("pager.newer")}
          </button>
          <button type="button" disabled={offset + 20 >= d.total} onClick={() => setOffset(offset + 20)}>
            {t("pager.older")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
