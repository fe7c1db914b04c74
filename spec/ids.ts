/**
 * Branded identifiers: a view, a sequence number, a node id and a digest are all plain numbers or strings on
 * the wire, but they are different things. The brands exist only in the types (effect's `Schema.brand` adds no
 * runtime check and no runtime field), so a swapped view and seq, or a txn id passed as a digest, no longer
 * type-checks, while the checker's hot loop handles the same plain values as before.
 *
 * The `as*` constructors are the one place a plain number or string becomes a brand; arithmetic that makes a
 * new id goes through a named helper (`nextView`, `nextSeq`, ...) so every step from one id to another is
 * visible in the code.
 */
import { Schema } from "effect";

/** PBFT §4: the view number; its leader is chosen from it. */
export const ViewSchema = Schema.Int.pipe(Schema.brand("View"));
/** PBFT §4.2: the sequence number of a slot (also checkpoint and stable seqs: they count the same slots). */
export const SeqSchema = Schema.Int.pipe(Schema.brand("Seq"));
/** Participants are 0..n-1, the coordinator is n, the client n+1 (config.ts). */
export const NodeIdSchema = Schema.Int.pipe(Schema.brand("NodeId"));
/** A collision-resistant digest of a canonical encoding (of a proposal, a replica, a chunk). */
export const DigestSchema = Schema.String.pipe(Schema.brand("Digest"));

export type View = typeof ViewSchema.Type;
export type Seq = typeof SeqSchema.Type;
export type NodeId = typeof NodeIdSchema.Type;
export type Digest = typeof DigestSchema.Type;

// The constructors are identity functions: V8 inlines them, so they cost nothing in the hot loop.
export const asView = (n: number): View => n as View;
export const asSeq = (n: number): Seq => n as Seq;
export const asNodeId = (n: number): NodeId => n as NodeId;
export const asDigest = (s: string): Digest => s as Digest;

/** PBFT §4.4: a view change moves to the next view. */
export const nextView = (v: View): View => (v + 1) as View;
/** The slot after `s`. */
export const nextSeq = (s: Seq): Seq => (s + 1) as Seq;
/** The slot `count` after `s` (a window's or checkpoint interval's far end); `count` may be negative. */
export const seqPlus = (s: Seq, count: number): Seq => (s + count) as Seq;
/** The highest of some seqs (a floor first, so an empty list has an answer). */
export const maxSeq = (floor: Seq, ...seqs: readonly Seq[]): Seq => Math.max(floor, ...seqs) as Seq;
/** The highest of some views (a floor first, so an empty list has an answer). */
export const maxView = (floor: View, ...views: readonly View[]): View => Math.max(floor, ...views) as View;
