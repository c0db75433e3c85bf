/** How a settling loop asks its runner whether to go on, and tells it about transient failures. */
export type SettleHooks = {
  /** False once the runner is stopping or its lease is no longer valid: leave without committing. */
  canContinue(): boolean;
  /** A transient failure: record it, back off (attempt 1, 2, …) and keep the group membership alive. */
  transient(reason: string, attempt: number): Promise<void>;
  /**
   * The server cannot take this task's writes until someone acts (it refuses the media types, has no `_bulk`): the
   * task fails with `reason`, nothing of the chunk is settled or committed.
   */
  fatal(reason: string): Promise<void>;
  /** Writes succeed again after transient failures. */
  recovered(): Promise<void>;
};
