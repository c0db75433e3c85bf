"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatTime } from "@/lib/format";
import { connectionText as text } from "../connection-messages";
import { connectionHref, failedConnections, summarizeLastTest } from "../last-test";
import { connectionListOptions } from "../queries";

/** A warning per chosen connection whose last test failed, with why and a link to it; nothing otherwise. */
export function FailedConnectionWarning({ ids }: { ids: readonly (string | undefined)[] }) {
  const list = useQuery(connectionListOptions());
  const failed = failedConnections(list.data ?? [], ids);
  return (
    <>
      {failed.map((c) => {
        const s = summarizeLastTest(c.lastTest);
        if (s.state !== "failed") {
          return null;
        }
        return (
          <div key={c.id} className="notice warn" role="status" data-testid="failed-connection-warning">
            {text.failedWarning(c.name, formatTime(s.at))} {s.error ?? s.category}. {text.failedWarningAdvice}{" "}
            <Link href={connectionHref(c.id)}>{text.openConnection}</Link>
          </div>
        );
      })}
    </>
  );
}
