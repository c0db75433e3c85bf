import type { Issue } from "@outflow/schemas/errors";
import { useTranslations } from "next-intl";

const SHOWN = 6;

/** Why a preview cannot run: the draft's problems (fix them and it runs again); the review lists every one. */
export function PreviewIssues({ issues }: { issues: Issue[] }) {
  const t = useTranslations("wizard.previewIssues");
  if (issues.length === 0) {
    return null;
  }
  const more = issues.length - SHOWN;
  return (
    <div className="notice warn">
      {t("waiting")}
      <ul>
        {issues.slice(0, SHOWN).map((i) => (
          <li key={`${i.field}:${i.message}`}>
            <code>{i.field}</code> {i.message}
          </li>
        ))}
        {more > 0 ? <li className="muted">{t("more", { n: more })}</li> : null}
      </ul>
    </div>
  );
}
