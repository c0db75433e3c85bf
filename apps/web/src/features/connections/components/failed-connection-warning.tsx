"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { formatTime } from "@/lib/format";
import { connectionHref, failedConnections, summarizeLastTest } from "../last-test";
import { connectionListOptions } from "../queries";
import { TestError } from "./test-error";

/** A warning per chosen connection whose last test failed, with why and a link to it; nothing otherwise. */
export function FailedConnectionWarning({ ids }: { ids: readonly (string | undefined)[] }) {
  const t = useTranslations("connections");
  const list = useQuery(connectionListOptions());
  const failed = failedConnections(list.data ?? [], ids);
  return (
    <>
      {failed.map((c) => {
        const s = summarizeLastTest(c.lastTest, t);
        if (s.state !== "failed") {
          return null;
        }
        return (
          <div key={c.id} className="notice warn" role="status" data-testid="failed-connection-warning">
            {t("warning.failed", { name: c.name, when: formatTime(s.at) })}{" "}
            {c.lastTest?.error ? <TestError error={c.lastTest.error} details={c.lastTest.details} /> : s.category}. {t("warning.advice")}{" "}
            <Link href={connectionHref(c.id)}>{t("warning.open")}</Link>
          </div>
        );
      })}
    </>
  );
}
