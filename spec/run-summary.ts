/**
 * The fields of a `npm run check -- --json` summary that `npm run merge-results` reads.
 * A summary comes from another machine (a CI shard's artifact), so it is decoded here,
 * at the edge, and a bad file gives one clear line. Other fields are left alone.
 */
import { Schema } from "effect";

export const RunSummary = Schema.Struct({
  mode: Schema.Literals(["bfs", "random", "coverage"]),
  config: Schema.Unknown,
  verdict: Schema.Literals(["clean", "violation", "vacuous", "incomplete"]),
  violations: Schema.Array(Schema.Struct({ invariant: Schema.String, message: Schema.String })),
  sometimes: Schema.Record(Schema.String, Schema.Boolean),
  /** `--expect`: the sometimes properties the search had to reach besides the required witness. */
  expected: Schema.optional(Schema.Array(Schema.String)),
  trace: Schema.NullOr(Schema.String),
  elapsedMs: Schema.Number,
  /** "i/N" for a shard; null or absent for a whole search. */
  shard: Schema.optional(Schema.NullOr(Schema.String)),
  depthMax: Schema.optional(Schema.NullOr(Schema.Number)),
  stopReason: Schema.optional(Schema.String),
  distinctStates: Schema.optional(Schema.Number),
  transitions: Schema.optional(Schema.Number),
  seed: Schema.optional(Schema.Number),
});
export type RunSummary = typeof RunSummary.Type;
