import type { Issue } from "@outflow/schemas/errors";

const SHOWN = 6;

/** Why a preview cannot run: the draft's problems (fix them and it runs again); the review lists every one. */
export function PreviewIssues({ issues }: { issues: Issue[] }) {
  if (issues.length === 0) {
    return null;
  }
  const more = issues.length - SHOWN;
  return (
    <div className="notice warn">
      The preview waits for these to be fixed:
      <ul>
        {issues.slice(0, SHOWN).map((i) => (
          <li key={`${i.field}:${i.message}`}>
            <code>{i.field}</code> {i.message}
          </li>
        ))}
        {more > 0 ? <li className="muted">and {more} more, all listed in the Review step</li> : null}
      </ul>
    </div>
  );
}
