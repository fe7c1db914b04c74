/**
 * A Byzantine leader's sound NEW-VIEWs from every quorum it can assemble (adversary-composites.ts
 * builds its other NEW-VIEW moves): the carried VIEW-CHANGEs are any Q of the latest known honest
 * ones for the view (one per signer), or any Q-1 of them with one sound VIEW-CHANGE of its own,
 * and the pre-prepares are those the quorum derives (impl/core/new-view.ts), so every receiver
 * accepts it.
 *
 * Why: which VIEW-CHANGEs a NEW-VIEW carries decides which prepared certificates survive. A leader
 * that leaves out the one VIEW-CHANGE carrying a participant's certificate nulls that slot while
 * the participant still holds its certificate, and PBFT's safety rests on the rest of the quorum
 * (a committed txn was prepared at f+1 honest participants). Taking only the first Q by signer,
 * always with the leader's own, never explores a quorum of honest VIEW-CHANGEs only, nor one that
 * leaves out the lowest honest signer, nor the leader's own VIEW-CHANGE with one certificate and
 * not the others.
 *
 * From honest VIEW-CHANGEs only it also sends each variant with one surviving proposal made null, which
 * does not follow from them: the faulty leader its receivers must prove (as adversary-composites.ts does
 * for its first quorum).
 *
 * Bounded and deterministic: quorums in signer order (lexicographic), honest-only first, at most
 * `quorumsPerViewMax` per view; its own VIEW-CHANGEs in alphabet order, those that pass the core's
 * own check (view-change-check.ts) and carry at most one certificate or are its fullest one.
 */
import type { Digest, Message, NewView, NodeId, PrePrepare, Signed, View, ViewChange } from "../../spec/messages.js";
import { newViewPrePrepares } from "../../impl/core/new-view.js";
import { viewChangeProblem } from "../../impl/core/view-change-check.js";
import type { AlphabetSource } from "./adversary-alphabet.js";
import { signAs } from "./symbolic-crypto.js";
import { asSeq } from "../../spec/ids.js";

/** At most this many quorums per view: C(6, 4) + C(6, 5) = 21 honest-only ones for n = 7 stay under it. */
export const quorumsPerViewMax = 24;

/** Every `size`-element subset of `items`, in lexicographic order of positions, at most `max` of them. */
/** `pp` made a null request (no batch left behind): what a faulty leader's NEW-VIEW puts for a survivor it drops. */
export function nulledPrePrepare(pp: PrePrepare, nullDigest: Digest): PrePrepare {
  return { kind: "PrePrepare", view: pp.view, seq: pp.seq, digest: nullDigest, proposal: null };
}

export function subsetsOf<T>(items: readonly T[], size: number, max: number): T[][] {
  const out: T[][] = [];
  const pick: number[] = [];
  const extend = (from: number): void => {
    if (out.length >= max) return;
    if (pick.length === size) { out.push(pick.map((i) => items[i] as T)); return; }
    for (let i = from; i <= items.length - (size - pick.length); i++) {
      pick.push(i);
      extend(i + 1);
      pick.pop();
    }
  };
  if (size >= 0 && size <= items.length) extend(0);
  return out;
}

/** Its own VIEW-CHANGEs for `view` a receiver accepts: the empty one, single-certificate ones, the fullest. */
function soundOwn(s: AlphabetSource, view: View, own: readonly ViewChange[]): Signed<ViewChange>[] {
  const forView = own.filter((vc) => vc.view === view);
  const fullest = forView.slice(-1);
  const kept = [...forView.filter((vc) => vc.prepared.length <= 1), ...fullest]
    .map((vc) => signAs(s.self, vc))
    .filter((vc) => viewChangeProblem(vc, s.env) === null);
  const empty: ViewChange =
    { kind: "ViewChange", view, stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending: [] };
  return [signAs(s.self, empty), ...kept];
}

const bySigner = (a: { readonly signer: NodeId }, b: { readonly signer: NodeId }): number => a.signer - b.signer;

/**
 * The sound NEW-VIEWs for `view` from the quorums described above, each followed by the pre-prepares it
 * mandates and the leader's PREPARE and COMMIT for them. `latest`: one known honest VIEW-CHANGE per signer.
 */
export function quorumNewViews(s: AlphabetSource, view: View, latest: readonly Signed<ViewChange>[],
  own: readonly ViewChange[]): Message[] {
  const q = s.env.config.quorum;
  const honest = [...latest].sort(bySigner);
  const quorums = subsetsOf(honest, q, quorumsPerViewMax);
  for (const mine of soundOwn(s, view, own)) {
    for (const rest of subsetsOf(honest, q - 1, quorumsPerViewMax - quorums.length)) {
      quorums.push([...rest, mine].sort(bySigner));
    }
  }
  const honestOnly = quorums.filter((vcs) => !vcs.some((vc) => vc.signer === s.self)).length;
  const out: Message[] = [];
  quorums.forEach((viewChanges, i) => {
    const derived = newViewPrePrepares(view, viewChanges, s.env);
    // From honest VIEW-CHANGEs only, also each survivor made null: the NEW-VIEW that proves its leader faulty.
    const nulled = i >= honestOnly ? [] : derived.filter((pp) => pp.proposal !== null).map((dropped) =>
      derived.map((pp) => (pp.seq === dropped.seq ? nulledPrePrepare(pp, s.domains.nullDigest) : pp)));
    for (const prePrepares of [derived, ...nulled]) {
      const nv: NewView = { kind: "NewView", view, viewChanges, prePrepares };
      out.push(nv);
      for (const pp of prePrepares) {
        const slot = { view: pp.view, seq: pp.seq, digest: pp.digest };
        out.push(pp, { kind: "Prepare", ...slot }, { kind: "Commit", ...slot });
      }
    }
  });
  return out;
}
