/**
 * Group commit of a node's state, and the sends that wait on it.
 *
 * The core's contract is persist-before-send: a Send leaves only after the state
 * its step asked to Persist is durable. Written on the node's one thread, each save
 * blocked it for the whole fdatasync (most of a save's cost), while messages queued
 * up unread. Here a save goes to the store's writer thread (durable-store.ts
 * `commit`) and the node goes on stepping inputs; while it is in flight, further
 * requests only mark the state dirty, and when it lands one write of the newest
 * state covers all of them (a successor of every state that asked: restoring it is
 * the same as a crash after those steps with their sends lost).
 *
 * Every effect given to `after` (a signed send, node.ts) runs once every save asked
 * for before it is durable, in the order given: at once when none is pending. Commits
 * land in order, so "the save it needs has landed" is a count.
 *
 * A failed write stops the node (`failed`): nothing that waits on it may leave.
 */
export class GroupCommit<S> {
  /** Saves started, and saves landed (durable). */
  private issued = 0;
  private landed = 0;
  /** A save was asked for while another was in flight: the next write covers it. */
  private dirty = false;
  private latest: S;
  private lastLanded: S;
  /** A write failed, or the node stopped: nothing more is written or released. */
  private failure: unknown = null;
  private readonly waiting: { readonly need: number; readonly effect: () => void }[] = [];
  private head = 0;

  /**
   * @param write starts writing a state; resolves once it is durable (commits land in call order)
   * @param durable the state already on disk (restored, or the initial state, which needs none)
   * @param failed told once if a write fails; nothing waiting runs after that
   */
  constructor(
    private readonly write: (state: S) => Promise<void>, durable: S, private readonly failed: (error: unknown) => void,
  ) {
    this.latest = durable;
    this.lastLanded = durable;
  }

  /** The newest state known to be on disk: what may be signed and shown outside the node's steps. */
  get durable(): S {
    return this.lastLanded;
  }

  /** Saves started and not landed, counting the one a dirty state still owes (for /metrics and tests). */
  get pending(): number {
    return this.issued - this.landed + (this.dirty ? 1 : 0);
  }

  /** `state` must become durable: written now, or by the write after the one in flight. */
  persist(state: S): void {
    this.latest = state;
    if (this.issued > this.landed) this.dirty = true;
    else this.start();
  }

  /** Runs `effect` once every state given to `persist` so far is durable. */
  after(effect: () => void): void {
    if (this.failure !== null) return;
    const need = this.issued + (this.dirty ? 1 : 0);
    if (need <= this.landed && this.head === this.waiting.length) return effect();
    this.waiting.push({ need, effect });
  }

  /** The node is closing: no further writes start, and what still waits never runs. */
  stop(): void {
    this.failure ??= "stopped";
    this.waiting.length = 0;
    this.head = 0;
  }

  private start(): void {
    const state = this.latest;
    this.issued += 1;
    this.dirty = false;
    this.write(state).then(() => this.land(state), (error: unknown) => {
      if (this.failure !== null) return;
      this.stop();
      this.failed(error);
    });
  }

  private land(state: S): void {
    if (this.failure !== null) return;
    this.landed += 1;
    this.lastLanded = state;
    // The next write first, so the disk is busy again while the released sends are signed and framed.
    if (this.dirty) this.start();
    while (this.head < this.waiting.length) {
      const next = this.waiting[this.head] as { need: number; effect: () => void };
      if (next.need > this.landed) break;
      this.head += 1;
      next.effect();
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
  }
}
