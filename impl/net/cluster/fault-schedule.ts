/**
 * Scheduled faults of a test cluster (`--kill P1@2s --restart P1@4s`,
 * `--partition P0,P1|P2,P3,C@2s --heal 6s`): times count from the start of the
 * workload. A kill is kill -9; a restart starts the node again on the same data
 * directory, so it comes back with what it persisted and nothing else. A
 * partition splits the nodes into the groups named (nodes named in none form
 * one more group together) at the relay; a heal ends it. An event with
 * `atAcks` fires as soon as that many txns are acknowledged, if before `atMs`
 * (tests use it to heal while the workload still runs, however fast it is).
 */
import type { NodeProcesses } from "./node-processes.js";

interface When { readonly atMs: number; readonly atAcks?: number }

export type FaultEvent =
  | When & { readonly action: "kill" | "restart"; readonly node: string }
  | When & { readonly action: "partition"; readonly groups: readonly (readonly string[])[] }
  | When & { readonly action: "heal" };

/** Applies a partition (node names in groups) at the relay; null heals. */
export type Partitioner = (groups: readonly (readonly string[])[] | null) => void;

export class FaultSchedule {
  readonly timeline: string[] = [];
  private readonly pending: Promise<void>[] = [];
  /** Events waiting for `atAcks` acknowledged txns: each fires once, by count or by time. */
  private readonly byCount: { readonly atAcks: number; readonly fire: () => void }[] = [];
  private started = 0;

  constructor(private readonly events: readonly FaultEvent[], private readonly processes: NodeProcesses,
    private readonly log: (line: string) => void, private readonly partition: Partitioner = () => undefined) {}

  start(): void {
    this.started = Date.now();
    for (const event of [...this.events].sort((a, b) => a.atMs - b.atMs)) {
      this.pending.push(new Promise<void>((resolve) => {
        let fired = false;
        const fire = (): void => {
          if (fired) return;
          fired = true;
          clearTimeout(timer);
          void this.fire(event).then(resolve);
        };
        const timer = setTimeout(fire, event.atMs);
        if (event.atAcks !== undefined) this.byCount.push({ atAcks: event.atAcks, fire });
      }));
    }
  }

  /** The workload's count of acknowledged txns: fires the events waiting for it. */
  acknowledged(count: number): void {
    for (const event of this.byCount) if (count >= event.atAcks) event.fire();
  }

  /** Resolves once every event has fired (and every restarted node is ready again). */
  async finished(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async fire(event: FaultEvent): Promise<void> {
    const at = `${((Date.now() - this.started) / 1000).toFixed(1)}s`;
    if (event.action === "partition") {
      this.partition(event.groups);
      return this.note(`${at} partition ${event.groups.map((g) => g.join(",")).join(" | ")}`);
    }
    if (event.action === "heal") {
      this.partition(null);
      return this.note(`${at} healed the partition`);
    }
    if (event.action === "kill") {
      const pid = this.processes.pid(event.node);
      this.processes.kill(event.node);
      this.note(`${at} kill -9 ${event.node} (pid ${pid ?? "?"})`);
      return;
    }
    try {
      const ready = await this.processes.start(event.node);
      const readySeconds = ((Date.now() - this.started) / 1000).toFixed(1);
      this.note(`${at} restarted ${event.node} (pid ${ready.pid}), ready after ${readySeconds}s`);
    } catch (error) {
      this.note(`${at} restart of ${event.node} failed: ${(error as Error).message}`);
    }
  }

  private note(line: string): void {
    this.timeline.push(line);
    this.log(line);
  }
}
