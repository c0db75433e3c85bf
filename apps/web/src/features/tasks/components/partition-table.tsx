import { formatCount } from "@/lib/format";
import type { TaskView } from "../task-schemas";

/** Per partition: committed and end offsets, lag and counters. */
export function PartitionTable({ partitions }: { partitions: TaskView["metrics"]["partitions"] }) {
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
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr key={`${p.topic}:${p.partition}`}>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
