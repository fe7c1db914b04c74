/**
 * The trace file format (DESIGN.md §7): a versioned JSON document holding the
 * whole check config, the seed, the actions, the world's fingerprint after each
 * action, and the violated invariant. Decoded with this schema at load, so a bad
 * file gives one clear line naming the field, never a crash.
 */
import { Schema } from "effect";
import { NodeIdSchema } from "./ids.js";
import { Message, Outcome, Signed, SignedMessage, Txn } from "./messages.js";

export const traceFormat = "byzcommit-trace";
export const traceVersion = 1;

const Int = Schema.Int;
const NodeId = NodeIdSchema;

export const ActionRecord = Schema.Union([
  Schema.Struct({
    kind: Schema.Literals(["deliver", "drop", "duplicate"]), from: NodeId, to: NodeId, message: SignedMessage
  }),
  Schema.Struct({ kind: Schema.Literal("fire"), node: NodeId, timer: Schema.Literals(["resend", "view-change"]) }),
  Schema.Struct({ kind: Schema.Literals(["isolate", "crash"]), node: NodeId }),
  Schema.Struct({ kind: Schema.Literals(["heal", "silence"]) }),
  Schema.Struct({ kind: Schema.Literal("byzantine"), from: NodeId, to: NodeId, body: Message }),
  Schema.Struct({ kind: Schema.Literal("equivocate"), from: NodeId, to: NodeId, first: Message, second: Message }),
  Schema.Struct({ kind: Schema.Literal("replay"), from: NodeId, to: NodeId, message: SignedMessage }),
  /** `from` sends `body` naming `signer`, with a signature that does not verify. */
  Schema.Struct({ kind: Schema.Literal("forge"), from: NodeId, to: NodeId, signer: NodeId, body: Message }),
  Schema.Struct({
    kind: Schema.Literal("client"), request: Signed(Txn), flag: Outcome, hold: Schema.optionalKey(Schema.Literal(true)),
  }),
]);
export type ActionRecord = typeof ActionRecord.Type;

export const Budgets = Schema.Struct({
  loss: Int, dup: Int, partitions: Int, crashes: Int, timeouts: Int, submits: Schema.optionalKey(Int),
});

export const ProtocolConfigSchema = Schema.Struct({
  participantCount: Int, faultyMax: Int, quorum: Int, windowSize: Int, checkpointInterval: Int,
  resendTicks: Int, viewChangeTicks: Int,
  /** Txns per PRE-PREPARE (spec/batch.ts); absent: one, as in every trace written before batching. */
  batchSize: Schema.optionalKey(Int),
});

export const TraceConfig = Schema.Struct({
  n: Int,
  f: Int,
  byzantine: Schema.Array(NodeId),
  coordinator: Schema.Literals(["honest", "byzantine", "silent"]),
  txns: Schema.Array(Schema.Struct({ txn: Txn, flag: Outcome })),
  budgets: Budgets,
  // "collude" and "twins" were `all` under other names: still decoded, loaded as "all".
  strategy: Schema.Literals([
    "all", "silent", "equivocate", "vote-both", "stale-view", "replay", "forge", "collude", "twins",
  ]),
  mutant: Schema.NullOr(Schema.String),
  protocol: ProtocolConfigSchema,
  /** `--corrupt`: the adversary's single-field corruptions were in its alphabet (absent: they were not). */
  corrupt: Schema.optional(Schema.Boolean),
});
export type TraceConfig = typeof TraceConfig.Type;

export const Trace = Schema.Struct({
  format: Schema.Literal(traceFormat),
  version: Schema.Literal(traceVersion),
  mode: Schema.Literals(["bfs", "random", "coverage", "simulate"]),
  seed: Schema.NullOr(Int),
  config: TraceConfig,
  actions: Schema.Array(ActionRecord),
  /** 16 hex digits per action: the world's fingerprint after it. */
  fingerprints: Schema.Array(Schema.String),
  violation: Schema.NullOr(Schema.Struct({ invariant: Schema.String, message: Schema.String })),
});
export type Trace = typeof Trace.Type;
