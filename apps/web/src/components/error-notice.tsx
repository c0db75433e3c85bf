import { useTranslations } from "next-intl";
import { isApiError } from "@/lib/http/fetch-json";

/** An error from the API (or anything thrown), with its field issues listed. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const t = useTranslations("common");
  if (!error) {
    return null;
  }
  const message = error instanceof Error ? error.message : String(error);
  const issues = isApiError(error) ? (error.issues ?? []) : [];
  const showList = issues.length > 1 || (issues.length === 1 && !message.includes(issues[0]?.message ?? ""));
  return (
    <div className="notice error" role="alert">
      {title ? <strong>{t("errorTitle", { title })}</strong> : null}
      {message}
      {showList ? (
        <ul>
          {issues.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              {i.field ? <code>{i.field}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
