/**
 * A forged STATE-REPLY (PBFT §4.3/§5.3, attacked): a Byzantine participant attaches a
 * real stable-checkpoint proof to a replica that is not the proven one. The proof is
 * Q signed CHECKPOINTs for one (seq, digest): those of honest participants it has
 * received, completed with its own signature on the same checkpoint, which it may
 * sign like any message. The replica is the empty one, which differs from the proven
 * state of any seq that executed something. An honest receiver checks the replica's
 * digest against the proof (impl/core/state-transfer.ts) and proves the sender
 * faulty; a receiver that trusts the replier adopts it.
 *
 * Knowledge-dependent like adversary.ts's newViewVariants: checker/actions.ts
 * enumerates these from what the faulty nodes have seen.
 */
import type { Checkpoint, NodeId, Signed, StateReply } from "../spec/messages.js";
import { emptyReplica } from "../impl/core/replica.js";
import type { Env } from "../impl/core/types.js";
import { signAs } from "./symbolic-crypto.js";
import type { Envelope } from "./world.js";

export function forgedStateReplies(knowledge: readonly Envelope[], self: NodeId, env: Env): StateReply[] {
  const groups = new Map<string, Signed<Checkpoint>[]>();
  for (const e of knowledge) {
    const m = e.message;
    if (m.body.kind !== "Checkpoint" || m.signer === self) continue;
    const key = `${m.body.seq}:${m.body.stateDigest}`;
    const group = groups.get(key) ?? [];
    if (!group.some((c) => c.signer === m.signer)) group.push(m as Signed<Checkpoint>);
    groups.set(key, group);
  }
  const forged: StateReply[] = [];
  const empty = env.digest(emptyReplica);
  for (const group of groups.values()) {
    const first = group[0];
    if (first === undefined || first.body.stateDigest === empty) continue;
    const own = signAs(self, first.body);
    const proof = [...group, own].sort((a, b) => a.signer - b.signer).slice(0, env.config.quorum);
    if (proof.length < env.config.quorum) continue;
    forged.push({ kind: "StateReply", seq: first.body.seq, replica: emptyReplica, proof });
  }
  return forged.sort((a, b) => a.seq - b.seq);
}
