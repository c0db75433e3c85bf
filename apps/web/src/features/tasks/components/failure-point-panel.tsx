import Link from "next/link";
import type { TaskView } from "../task-schemas";

/** Where a retained failure stopped the task, and what to do about it. */
export function FailurePointPanel({ task }: { task: TaskView }) {
  const fp = task.failurePoint;
  if (!fp) {
    return null;
  }
  return (
    <section className="notice error" aria-label="Failure point" data-testid="failure-point">
      <strong>The task stopped at a message it could not process (failure policy: retain).</strong>
      <dl className="kv" style={{ margin: "8px 0" }}>
        <dt>Topic</dt>
        <dd className="mono">{fp.topic}</dd>
        <dt>Partition</dt>
        <dd className="mono">{fp.partition}</dd>
        <dt>Offset</dt>
        <dd className="mono">{fp.offset}</dd>
        <dt>Stage</dt>
        <dd className="mono">{fp.stage}</dd>
        <dt>Reason</dt>
        <dd className="mono">{fp.reason}</dd>
      </dl>
      <div>
        Nothing from this message on has been committed. Fix the cause, or <Link href={`/tasks/${task.id}/edit?step=failure`}>edit the failure policy</Link>{" "}
        (e.g. discard or dead-letter such messages), then start the task again: it resumes from this message.
      </div>
    </section>
  );
}
