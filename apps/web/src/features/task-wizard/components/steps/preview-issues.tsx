import type { Issue } from "@outflow/schemas/errors";

/** Why a preview cannot run: the draft's problems (fix them and it runs again). */
export function PreviewIssues({ issues }: { issues: Issue[] }) {
  if (issues.length === 0) {
    return null;
  }
  return (
    <div className="notice warn">
      The preview waits for these to be fixed:
      <ul>
        {issues.slice(0, 6).map((i) => (
          <li key={`${i.field}:${i.message}`}>
            <code>{i.field}</code> {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
