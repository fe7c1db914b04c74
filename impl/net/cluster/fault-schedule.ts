/**
 * Scheduled process faults of a test cluster (`--kill P1@2s --restart P1@4s`):
 * times count from the start of the workload. A kill is kill -9; a restart
 * starts the node again on the same data directory, so it comes back with
 * what it persisted and nothing else.
 */
import type { NodeProcesses } from "./node-processes.js";

export interface FaultEvent {
  readonly action: "kill" | "restart";
  readonly node: string;
  readonly atMs: number;
}

export class FaultSchedule {
  readonly timeline: string[] = [];
  private readonly pending: Promise<void>[] = [];
  private started = 0;

  constructor(private readonly events: readonly FaultEvent[], private readonly processes: NodeProcesses, private readonly log: (line: string) => void) {}

  start(): void {
    this.started = Date.now();
    for (const event of [...this.events].sort((a, b) => a.atMs - b.atMs)) {
      this.pending.push(new Promise<void>((resolve) => setTimeout(() => void this.fire(event).then(resolve), event.atMs)));
    }
  }

  /** Resolves once every event has fired (and every restarted node is ready again). */
  async finished(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async fire(event: FaultEvent): Promise<void> {
    const at = `${((Date.now() - this.started) / 1000).toFixed(1)}s`;
    if (event.action === "kill") {
      const pid = this.processes.pid(event.node);
      this.processes.kill(event.node);
      this.note(`${at} kill -9 ${event.node} (pid ${pid ?? "?"})`);
      return;
    }
    try {
      const ready = await this.processes.start(event.node);
      this.note(`${at} restarted ${event.node} (pid ${ready.pid}), ready after ${((Date.now() - this.started) / 1000).toFixed(1)}s`);
    } catch (error) {
      this.note(`${at} restart of ${event.node} failed: ${(error as Error).message}`);
    }
  }

  private note(line: string): void {
    this.timeline.push(line);
    this.log(line);
  }
}
