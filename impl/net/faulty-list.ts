/**
 * What this node holds against others (DESIGN.md §4): the core's reports
 * (proven with transferable proof, or suspected) and the transport's
 * suspicions about bytes that never became a message.
 *
 * Entries are keyed by (node, grade, reason) and count repeats, so a peer
 * that floods garbage grows a counter, not the list; the first proof is kept.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import type { Evidence } from "../core/types.js";
import { nodeNameOf } from "./cluster-config.js";
import type { TransportSuspicion } from "./transport-events.js";

export interface FaultyEntry {
  /** `P3`, `C`, or `unknown` for a connection that never authenticated. */
  readonly node: string;
  readonly grade: "proven" | "suspected";
  /** The core's EvidenceReason, or `transport:<fault>`. */
  readonly reason: string;
  readonly detail: string;
  readonly proof: readonly SignedMessage[];
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
  /** Who holds this: the node's own name, or several after aggregation. */
  readonly reportedBy: readonly string[];
}

export const unknownNode = "unknown";

/** Proven first, then by node name: the order every faulty list is shown in. */
export function byGradeThenNode(a: FaultyEntry, b: FaultyEntry): number {
  if (a.grade !== b.grade) return a.grade === "proven" ? -1 : 1;
  return a.node.localeCompare(b.node);
}

export class FaultyList {
  private readonly entries = new Map<string, FaultyEntry>();

  constructor(private readonly self: string, private readonly n: number) {}

  fromCore(evidence: Evidence): void {
    this.record(this.nameOf(evidence.against), evidence.grade, evidence.reason, evidence.detail, evidence.proof);
  }

  fromTransport(suspicion: TransportSuspicion): void {
    const node = suspicion.against === null ? unknownNode : this.nameOf(suspicion.against);
    const detail = `${suspicion.detail} (from ${suspicion.remote})`;
    this.record(node, "suspected", `transport:${suspicion.fault}`, detail, []);
  }

  list(): FaultyEntry[] {
    return [...this.entries.values()].sort(byGradeThenNode);
  }

  provenNodes(): string[] {
    return [...new Set(this.list().filter((e) => e.grade === "proven").map((e) => e.node))];
  }

  suspectedNodes(): string[] {
    return [...new Set(this.list().filter((e) => e.grade === "suspected").map((e) => e.node))];
  }

  private nameOf(id: NodeId): string {
    return Number.isInteger(id) && id >= 0 && id <= this.n + 1 ? nodeNameOf(id, this.n) : unknownNode;
  }

  private record(
    node: string, grade: FaultyEntry["grade"], reason: string, detail: string, proof: readonly SignedMessage[],
  ): void {
    const key = `${node}|${grade}|${reason}`;
    const now = Date.now();
    const old = this.entries.get(key);
    this.entries.set(key, old === undefined
      ? { node, grade, reason, detail, proof, count: 1, firstAt: now, lastAt: now, reportedBy: [this.self] }
      : { ...old, count: old.count + 1, lastAt: now });
  }
}
