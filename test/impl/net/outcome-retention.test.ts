/**
 * Outcome retention (impl/net/outcome-retention.ts): the coordinator's txn book
 * and a participant's confirmations are pruned by age with a count cap, pending
 * txns never; pruning reaches the book's store, so a reopened book holds what
 * the live one held, and a book reopened after the retention passed prunes
 * before it answers.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { Confirm, Signed } from "../../../spec/messages.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import { ConfirmationBook } from "../../../impl/net/confirmation-book.js";
import { DecisionQueue, recordedOutcome } from "../../../impl/net/outcome-retention.js";
import { TxnBook } from "../../../impl/net/txn-book.js";
import { openTxnStore } from "../../../impl/net/txn-store.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const hour = 3_600_000;

async function decided(book: TxnBook, id: string, at: number): Promise<void> {
  const submitted = await book.submit(id, "client", `digest-${id}`, "commit", at);
  assert.equal(submitted.kind, "fresh");
  assert.ok(book.decide(id, "commit", [], at) !== null);
}

describe("outcome retention", () => {
  const freshDir = temporaryDirs("retention");

  it("prunes decided records past their age, oldest first, and keeps pending ones", async () => {
    const book = new TxnBook(null, { ageMs: hour, keptMax: 1_000 }, 0);
    await decided(book, "a", 0);
    await decided(book, "b", 10);
    await book.submit("p", "client", "digest-p", "commit", 0);
    assert.equal(book.prune(hour - 1), 0);
    assert.equal(book.prune(hour + 5), 1);
    assert.equal(book.get("a"), undefined);
    assert.equal(book.get("b")?.status, "commit");
    assert.equal(book.prune(10 * hour), 1);
    assert.equal(book.get("p")?.status, "pending");
    assert.equal(book.size, 1);
  });

  it("holds at most keptMax decided records whatever their age", async () => {
    const book = new TxnBook(null, { ageMs: hour, keptMax: 3 }, 0);
    for (let i = 0; i < 10; i++) await decided(book, `t${i}`, i);
    assert.equal(book.size, 3);
    assert.deepEqual(["t7", "t8", "t9"].map((id) => book.get(id)?.status), ["commit", "commit", "commit"]);
    assert.equal(book.prunedCount, 7);
  });

  it("removes pruned records from the store, so a reopened book holds the same ones", async () => {
    const dir = path.join(freshDir(), "C-txns");
    const retention = { ageMs: hour, keptMax: 2 };
    const book = new TxnBook(openTxnStore(dir), retention, 0);
    for (let i = 0; i < 5; i++) await decided(book, `t${i}`, i);
    await book.submit("pending", "client", "digest", "abort", 5);
    await book.close();
    const reopened = new TxnBook(openTxnStore(dir), retention, 10);
    assert.deepEqual(["t2", "t3", "t4", "pending"].map((id) => reopened.get(id)?.status),
      [undefined, "commit", "commit", "pending"]);
    assert.equal(reopened.size, 3);
    await reopened.close();
    // Down for two hours: what expired meanwhile is pruned on open, before anyone asks.
    const later = new TxnBook(openTxnStore(dir), retention, 2 * hour);
    assert.deepEqual(["t3", "t4", "pending"].map((id) => later.get(id)?.status), [undefined, undefined, "pending"]);
    await later.close();
    const reread = new TxnBook(openTxnStore(dir), retention, 2 * hour);
    assert.equal(reread.size, 1);
    await reread.close();
  });

  it("keeps decision order when the clock steps back", () => {
    const queue = new DecisionQueue();
    queue.add("late", 100);
    queue.add("stepped-back", 50);
    assert.deepEqual(queue.expire(100 + hour - 1, { ageMs: hour, keptMax: 10 }), []);
    assert.deepEqual(queue.expire(100 + hour, { ageMs: hour, keptMax: 10 }), ["late", "stepped-back"]);
  });

  it("prunes a participant's confirmations the same way", () => {
    const book = new ConfirmationBook({ ageMs: hour, keptMax: 2 });
    const confirm = (seq: number): Signed<Confirm> => ({
      body: { kind: "Confirm", seq: asSeq(seq), txn: `t${seq}`, outcome: "commit", replicaDigest: asDigest("d")
          }, signer: asNodeId(0), signature: "s",
    });
    const state = initialParticipant(asNodeId(0));
    const sign = (): never => assert.fail("a pruned confirmation is never signed again");
    for (let seq = 1; seq <= 4; seq++) book.record(confirm(seq), seq);
    assert.equal(book.size, 2);
    assert.equal(book.lookup("t2", state, sign), null);
    assert.equal(book.lookup("t4", state, sign)?.body.seq, 4);
    assert.deepEqual(book.counts(), { commit: 4, abort: 0 });
  });

  it("finds an outcome in a list sorted by txn id", () => {
    const sorted = ["a", "b", "d", "x"].map((txn, seq) => ({ txn, outcome: "commit" as const, seq }));
    assert.deepEqual(["a", "d", "x", "c", "z", ""].map((id) => recordedOutcome(sorted, id)?.seq ?? null),
      [0, 2, 3, null, null, null]);
    assert.equal(recordedOutcome([], "a"), null);
  });
});
