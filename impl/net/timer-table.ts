/**
 * The core's timers on the wall clock: ticks (abstract, STYLE.md) times the
 * cluster's `tickMs`. `arm` does nothing while the timer is armed (the core's
 * contract: "ArmTimer: arm if not armed"); a fired timer is disarmed before the
 * core hears of it, so the core may re-arm it from that very step.
 */
export class TimerTable<Name extends string> {
  private readonly armed = new Map<Name, NodeJS.Timeout>();

  constructor(private readonly tickMs: number, private readonly fire: (timer: Name) => void) {}

  arm(timer: Name, ticks: number): void {
    if (this.armed.has(timer)) return;
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
