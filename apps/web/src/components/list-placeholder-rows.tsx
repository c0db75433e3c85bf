import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** The rows a list table shows instead of items: `empty` once the list has loaded with none, "Loading…" while it loads. */
export function ListPlaceholderRows({ list, columns, empty }: { list: { data?: unknown[]; isPending: boolean }; columns: number; empty: ReactNode }) {
  const t = useTranslations("common");
  return (
    <>
      {list.data?.length === 0 ? <PlaceholderRow columns={columns}>{empty}</PlaceholderRow> : null}
      {list.isPending ? <PlaceholderRow columns={columns}>{t("loading")}</PlaceholderRow> : null}
    </>
  );
}

function PlaceholderRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="muted">
        {children}
      </td>
    </tr>
  );
}
