/**
 * The core's timers on the wall clock: ticks (abstract, STYLE.md) times the
 * cluster's `tickMs`. `arm` (re)starts the timer from now: the core emits
 * ArmTimer for a timer that is not running, after it fired, or — the
 * view-change timer, PBFT §4.5.2 — to restart it because a slot executed.
 * Keeping the first deadline instead made every participant of a busy cluster
 * ask for a view change every viewChangeTicks although slots kept executing.
 * A fired timer is disarmed before the core hears of it, so the core may re-arm
 * it from that very step.
 */
export class TimerTable<Name extends string> {
  private readonly armed = new Map<Name, NodeJS.Timeout>();

  constructor(private readonly tickMs: number, private readonly fire: (timer: Name) => void) {}

  arm(timer: Name, ticks: number): void {
    clearTimeout(this.armed.get(timer));
    this.armed.set(timer, setTimeout(() => {
      this.armed.delete(timer);
      this.fire(timer);
    }, Math.max(0, ticks) * this.tickMs));
  }

  cancel(timer: Name): void {
    clearTimeout(this.armed.get(timer));
    this.armed.delete(timer);
  }

  cancelAll(): void {
    for (const timeout of this.armed.values()) clearTimeout(timeout);
    this.armed.clear();
  }

  isArmed(timer: Name): boolean {
    return this.armed.has(timer);
  }
}
