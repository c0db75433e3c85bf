import type { Db } from "@outflow/db/client";
import { type Lease, type Renewal, releaseSlot, renewSlot } from "@outflow/db/leases";
import type { Logger } from "../logger";

/**
 * Keeps one slot's lease alive. The holder may act (write, commit) only while `valid()`: until the lease time,
 * counted on this process's monotonic clock from when the last successful renewal was *sent*, less a margin.
 * A blocked event loop therefore finds its lease invalid when it wakes, before it can write or commit.
 */
export class LeaseKeeper {
  private deadline: number;
  private timer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  private lost = false;

  constructor(
    private readonly db: Db,
    readonly lease: Lease,
    private readonly leaseMs: number,
    private readonly log: Logger,
    private readonly onRenewal: (r: Renewal & { held: true }) => void,
    private readonly onLost: (reason: string) => void,
    claimedAt: number,
  ) {
    this.deadline = claimedAt + leaseMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.renewNow(), Math.max(500, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  valid(): boolean {
    if (this.lost) {
      return false;
    }
    if (!this.held) {
      this.markLost("the lease ran out before it could be renewed");
      return false;
    }
    return true;
  }

  /** Whether the holder may act now, as `valid()` judges it, without acting on a lapse (for metrics). */
  get held(): boolean {
    return !this.lost && performance.now() < this.deadline - Math.min(2_000, this.leaseMs / 5);
  }

  /** Renews now (coalescing concurrent calls). */
  renewNow(): Promise<void> {
    this.renewing ??= this.renew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  async stop(release: boolean): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await this.renewing;
    if (release && !this.lost) {
      await releaseSlot(this.db, this.lease).catch((err) => this.log.warn("lease release failed", { err }));
    }
  }

  private async renew(): Promise<void> {
    if (this.lost) {
      return;
    }
    if (!this.valid()) {
      return;
    }
    const sentAt = performance.now();
    try {
      const r = await renewSlot(this.db, this.lease, this.leaseMs);
      if (!r.held) {
        this.markLost("another worker took the slot (or the task was deleted)");
        return;
      }
      this.deadline = sentAt + this.leaseMs;
      this.onRenewal(r);
    } catch (err) {
      this.log.warn("lease renewal failed; will retry", { err });
      this.valid();
    }
  }

  private markLost(reason: string): void {
    if (this.lost) {
      return;
    }
    this.lost = true;
    this.log.warn("lease lost", { reason, token: this.lease.token });
    this.onLost(reason);
  }
}
