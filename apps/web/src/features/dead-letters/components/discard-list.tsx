"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { formatCount, formatTime } from "@/lib/format";
import { discardsOptions } from "../queries";

/** Discard policy: the discards the worker sampled (one event per 5 s at most) and how many it did not. */
export function DiscardList({ taskId }: { taskId: string }) {
  const [offset, setOffset] = useState(0);
  const discards = useQuery(discardsOptions(taskId, offset));
  const d = discards.data;
  return (
    <section className="panel" aria-label="Discards">
      <ErrorNotice error={discards.error} />
      {d ? (
        <p data-testid="discard-counts">
          {formatCount(d.discarded)} discarded in all{d.countedAt ? ` (counted ${formatTime(d.countedAt)})` : ""}: {formatCount(d.sampled)} sampled below,{" "}
          {formatCount(d.notSampled)} not sampled. Discarded messages are not kept; only these samples' coordinates and reasons are.
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Where</th>
              <th>Stage</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {d?.items.map((x) => (
              <tr key={`${x.at}:${x.topic}:${x.partition}:${x.offset}`}>
                <td>{formatTime(x.at)}</td>
                <td className="mono">
                  {x.topic}[{x.partition}]@{x.offset}
                </td>
                <td>{x.stage}</td>
                <td>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d ? (
        <div className="row small">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 20))}>
            Newer
          </button>
          <button type="button" disabled={offset + 20 >= d.total} onClick={() => setOffset(offset + 20)}>
            Older
          </button>
        </div>
      ) : null}
    </section>
  );
}
