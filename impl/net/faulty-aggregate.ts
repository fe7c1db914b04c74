/**
 * The coordinator's cluster-wide faulty list (GET /faulty): its own evidence
 * merged with what each participant holds (their GET /faulty?scope=local).
 * The coordinator sees only confirmations, so equivocation on votes is proven
 * at the participants; their proofs are re-checked here, by the core's
 * verifyEvidence, before they are shown as proven (proof-vetting.ts). An
 * unverifiable "proof" is itself suspicious: it is listed as a suspicion against
 * the node that reported it.
 */
import { Schema } from "effect";
import type { Env } from "../core/types.js";
import { decodeWith } from "./decode-result.js";
import { byGradeThenNode, type FaultyEntry } from "./faulty-list.js";
import { getJson } from "./http-json.js";
import { vetted } from "./proof-vetting.js";

const Entry = Schema.Struct({
  node: Schema.String, grade: Schema.Literals(["proven", "suspected"]), reason: Schema.String, detail: Schema.String,
  proof: Schema.Array(Schema.Unknown), count: Schema.Int, firstAt: Schema.Number, lastAt: Schema.Number,
});
const LocalList = Schema.Struct({ node: Schema.String, faulty: Schema.Array(Entry) });

export interface Source { readonly name: string; readonly url: string }

/** Fetches every source (bounded wait), re-checks proofs, merges by (node, grade, reason). */
export async function aggregateFaulty(own: readonly FaultyEntry[], sources: readonly Source[], env: Env, n: number):
  Promise<{ faulty: FaultyEntry[]; unreachable: string[] }> {
  const unreachable: string[] = [];
  // Its own entries too: one judge for every proof shown, whoever holds it.
  const all: FaultyEntry[] = own.map((entry) => vetted(entry, entry.reportedBy[0] ?? entry.node, env, n));
  await Promise.all(sources.map(async (source) => {
    const response = await getJson(`${source.url}/faulty?scope=local`, 1_000);
    const decoded = response.ok ? decodeWith(LocalList, response.body) : null;
    if (decoded === null || !decoded.ok) return void unreachable.push(source.name);
    for (const entry of decoded.value.faulty) {
      all.push(vetted({ ...entry, reportedBy: [source.name] } as FaultyEntry, source.name, env, n));
    }
  }));
  return { faulty: merge(all), unreachable: unreachable.sort() };
}

function merge(entries: readonly FaultyEntry[]): FaultyEntry[] {
  const merged = new Map<string, FaultyEntry>();
  for (const entry of entries) {
    const key = `${entry.node}|${entry.grade}|${entry.reason}`;
    const old = merged.get(key);
    merged.set(key, old === undefined ? entry : {
      ...old, count: old.count + entry.count, firstAt: Math.min(old.firstAt, entry.firstAt),
      lastAt: Math.max(old.lastAt, entry.lastAt),
      reportedBy: [...new Set([...old.reportedBy, ...entry.reportedBy])].sort(),
    });
  }
  return [...merged.values()].sort(byGradeThenNode);
}
