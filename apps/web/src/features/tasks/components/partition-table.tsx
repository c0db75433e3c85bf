import { formatCount } from "@/lib/format";
import type { TaskView } from "../task-schemas";

type Partition = TaskView["metrics"]["partitions"][number];

/** The ledger cell: balanced, in flight while a runner holds it, or the difference once none does. */
function LedgerCell({ p, running }: { p: Partition; running: boolean }) {
  const l = p.ledger;
  const title = `Kafka committed ${formatCount(l.committed)} offsets from ${l.countedFrom ?? "—"} to ${l.committedOffset ?? "—"}; counted ${formatCount(l.settled)} settled (written + filtered + dropped + discarded + dead-lettered); retained now ${l.retained}`;
  if (l.balanced === null) {
    return <span title={title}>not read yet</span>;
  }
  if (l.balanced) {
    return (
      <span className="ledger-ok" title={title}>
        ✓ {formatCount(l.committed)} = {formatCount(l.settled)}
      </span>
    );
  }
  return (
    <span className={running ? undefined : "stale-text"} title={title}>
      {running ? "in flight" : "off"} {(l.unaccounted ?? 0) > 0 ? "+" : ""}
      {formatCount(l.unaccounted)}
    </span>
  );
}

/** Per partition: committed and end offsets, lag, counters and the ledger since the last offset reset. */
export function PartitionTable({ partitions, running }: { partitions: Partition[]; running: boolean }) {
  if (partitions.length === 0) {
    return <p className="muted">No partition has been consumed yet.</p>;
  }
  return (
    <div className="table-wrap">
      <table aria-label="Partitions">
        <thead>
          <tr>
            <th>Topic</th>
            <th className="num">Partition</th>
            <th className="num">Committed offset</th>
            <th className="num">End offset</th>
            <th className="num">Lag</th>
            <th className="num">In</th>
            <th className="num">Written</th>
            <th className="num">Filtered</th>
            <th className="num">Discarded</th>
            <th className="num">Dead-lettered</th>
            <th className="num" title="Offsets Kafka committed since the last reset = messages settled">
              Ledger
            </th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr key={`${p.topic}:${p.partition}`} data-testid={`partition-${p.topic}-${p.partition}`}>
              <td className="mono">{p.topic}</td>
              <td className="num">{p.partition}</td>
              <td className="num mono">{p.committedOffset ?? "—"}</td>
              <td className="num mono">{p.endOffset ?? "—"}</td>
              <td className="num">{formatCount(p.lag)}</td>
              <td className="num">{formatCount(p.messagesIn)}</td>
              <td className="num">{formatCount(p.messagesWritten)}</td>
              <td className="num">{formatCount(p.filtered)}</td>
              <td className="num">{formatCount(p.discarded)}</td>
              <td className="num">{formatCount(p.deadLettered)}</td>
              <td className="num" data-testid="ledger">
                <LedgerCell p={p} running={running} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
