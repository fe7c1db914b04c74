/** The coordinator's PRE-PREPARE resend pacing (resend-pacer.ts). */
import assert from "node:assert/strict";
import type { PrePrepare } from "../../../spec/messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import { ResendPacer } from "../../../impl/net/resend-pacer.js";

const prePrepare = (seq: number, view = 0): PrePrepare =>
  ({ kind: "PrePrepare", view: asView(view), seq: asSeq(seq), digest: asDigest(`d${seq}`) } as unknown as PrePrepare);
const all = (): boolean => true;
const p = (id: number): ReturnType<typeof asNodeId> => asNodeId(id);

describe("resend pacer", () => {
  it("sends a first PRE-PREPARE at once and a repeat at most once per period per participant", () => {
    const pacer = new ResendPacer(1_000, 100);
    assert.equal(pacer.offer(p(0), prePrepare(1), 0), true);
    assert.equal(pacer.offer(p(1), prePrepare(1), 0), true, "another participant is another send");
    assert.equal(pacer.offer(p(0), prePrepare(1), 400), false, "a repeat within the period is dropped");
    assert.equal(pacer.offer(p(0), prePrepare(1, 1), 400), true, "the same seq in a new view is new work");
    assert.equal(pacer.offer(p(0), prePrepare(1), 1_000), true, "a period later it is resent");
    assert.equal(pacer.offer(p(0), prePrepare(1), 1_500), false);
    assert.equal(pacer.heldCount, 0);
  });

  it("spends a per-tick budget on due resends and holds the rest for later ticks, lowest seq first", () => {
    const pacer = new ResendPacer(1_000, 3);
    const seqs = [5, 4, 3, 2, 1];
    for (const seq of seqs) for (const to of [0, 1]) pacer.offer(p(to), prePrepare(seq), 0);
    const resent = seqs.flatMap((seq) => [0, 1].filter((to) => pacer.offer(p(to), prePrepare(seq), 1_000)));
    assert.equal(resent.length, 3, "a burst of 10 due resends lets 3 through");
    assert.equal(pacer.heldCount, 7);
    assert.equal(pacer.offer(p(1), prePrepare(3), 1_100), false, "a held resend is not queued twice");
    const first = pacer.tick(1_100, all).map((s) => `${s.to}:${s.message.seq}`);
    assert.deepEqual(first, ["0:1", "1:1", "0:2"]);
    const second = pacer.tick(1_200, all).map((s) => `${s.to}:${s.message.seq}`);
    assert.deepEqual(second, ["1:2", "0:3", "1:3"]);
    const third = pacer.tick(1_300, (_to, m) => m.seq !== 4).map((s) => `${s.to}:${s.message.seq}`);
    assert.deepEqual(third, [], "seq 4, no longer wanted, is forgotten; nothing else is held");
    assert.equal(pacer.heldCount, 0);
  });

  it("forgets what the core no longer resends, so a later first send goes at once", () => {
    const pacer = new ResendPacer(1_000, 10);
    pacer.offer(p(0), prePrepare(7), 0);
    assert.equal(pacer.trackedCount, 1);
    pacer.tick(100, (_to, m) => m.seq !== 7);
    assert.equal(pacer.trackedCount, 0);
    assert.equal(pacer.offer(p(0), prePrepare(7), 200), true);
  });

  it("resends only to a participant from which no confirmation of the seq arrived", () => {
    const pacer = new ResendPacer(1_000, 10);
    for (const to of [0, 1, 2, 3]) pacer.offer(p(to), prePrepare(1), 0);
    for (const to of [0, 1, 3]) pacer.confirmed(p(to), 1, 100);
    const resent = [0, 1, 2, 3].filter((to) => pacer.offer(p(to), prePrepare(1), 2_000));
    assert.deepEqual(resent, [2], "P0, P1 and P3 confirmed seq 1: only P2 gets it again");
  });

  it("resends a slot only once no new confirmation came for the gap, which may change", () => {
    let gap = 1_000;
    const pacer = new ResendPacer(() => gap, 10);
    pacer.offer(p(0), prePrepare(1), 0);
    assert.equal(pacer.confirmed(p(1), 1, 900), 900, "P1's confirmation 900 ms after the proposal is a sample");
    assert.equal(pacer.confirmed(p(1), 1, 1_200), null, "its repeat is neither a sample nor progress");
    assert.equal(pacer.confirmed(p(1), 9, 900), null, "a seq this pacer never sent gives no sample");
    assert.equal(pacer.offer(p(0), prePrepare(1), 1_500), false, "a new confirmation 600 ms ago: the slot advances");
    assert.equal(pacer.offer(p(0), prePrepare(1), 1_900), true, "a gap since both the send and the progress");
    gap = 3_000;
    assert.equal(pacer.offer(p(0), prePrepare(1), 4_000), false, "the gap grew with the observed latency");
    assert.equal(pacer.offer(p(0), prePrepare(1), 4_900), true);
  });

  it("sends a held resend on a later tick even if its slot advanced meanwhile, so it is never starved", () => {
    const pacer = new ResendPacer(1_000, 1);
    for (const to of [0, 1]) pacer.offer(p(to), prePrepare(1), 0);
    assert.equal(pacer.offer(p(0), prePrepare(1), 1_000), true);
    assert.equal(pacer.offer(p(1), prePrepare(1), 1_000), false, "past the budget: held");
    assert.equal(pacer.heldCount, 1);
    pacer.confirmed(p(2), 1, 1_050);
    assert.deepEqual(pacer.tick(1_100, all).map((s) => `${s.to}:${s.message.seq}`), ["1:1"]);
    assert.equal(pacer.heldCount, 0);
  });
});
