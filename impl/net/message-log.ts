/**
 * The node's structured log: one JSON object per line, every message sent and
 * received plus the events around them (decisions, reports, links, persists).
 * Lines from all nodes merge into one message log by sorting on `t`.
 *
 * A message is logged by its slot fields (kind, view, seq, digest, txn, ...),
 * not whole: a pre-prepare's body or a view change's certificates would make
 * the log larger than the traffic. The field list is generic over message
 * kinds, so new kinds are logged without changes here.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import type { Message } from "../../spec/messages.js";

const summaryFields = ["view", "seq", "digest", "txn", "outcome", "stableSeq", "stateDigest"] as const;

export function summarize(message: Message): Record<string, unknown> {
  const summary: Record<string, unknown> = { kind: message.kind };
  const record = message as unknown as Record<string, unknown>;
  for (const field of summaryFields) {
    const value = record[field];
    if (value === undefined) continue;
    summary[field] = typeof value === "string" && field.endsWith("igest") ? value.slice(0, 12) : value;
  }
  return summary;
}

export class MessageLog {
  private readonly stream: WriteStream | null;
  /**
   * Lines of this event-loop turn, written as one chunk at its end: a line per message was one
   * file write each (3-4% of a participant's CPU samples under load), one per turn is a few a txn.
   */
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly node: string, file: string | null) {
    if (file !== null) mkdirSync(path.dirname(file), { recursive: true });
    this.stream = file === null ? null : createWriteStream(file, { flags: "a" });
    this.stream?.on("error", () => undefined); // the log must never take the node down
  }

  write(event: string, fields: Record<string, unknown>): void {
    if (this.stream === null) return;
    this.pending.push(`${JSON.stringify({ t: Date.now(), node: this.node, event, ...fields })}\n`);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  close(): Promise<void> {
    this.flush();
    return new Promise((resolve) => (this.stream === null ? resolve() : this.stream.end(() => resolve())));
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.stream === null || this.stream.writableEnded) return;
    this.stream.write(this.pending.join(""));
    this.pending = [];
  }
}
