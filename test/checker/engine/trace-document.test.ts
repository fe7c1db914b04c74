/** The engine's trace document on two-phase commit: built from a path or from records, written, read back. */
import assert from "node:assert/strict";
import { decodeTrace } from "../../../checker/engine/trace-container.js";
import {
  documentFromPath, documentFromRecords, documentText, engineTraceOf, fingerprintsProblem,
} from "../../../checker/engine/trace-document.js";
import { twoPhaseTraceModel } from "./two-phase-commit.js";

const header = { format: "two-phase-trace", version: 1 } as const;
const blocking = ["start", "vote 0 yes", "vote 1 yes", "crash"];
const verdict = { invariant: "nobody blocked", message: "" };

describe("engine trace document (two-phase commit)", () => {
  const model = twoPhaseTraceModel({ participants: 2, crashes: 1 });

  it("builds the same document from a path of action indices and from its records, the model's fields in place", () => {
    const fromRecords = documentFromRecords(model, header, { seed: 7 }, blocking, verdict);
    let state = model.initial();
    const path: number[] = [];
    for (const record of blocking) {
      const index = model.actions(state).findIndex((a) => model.codec.encode(a) === record);
      path.push(index);
      state = model.successor(state, model.actions(state)[index]!);
    }
    assert.deepEqual(documentFromPath(model, header, { seed: 7 }, path, verdict), fromRecords);
    assert.deepEqual(Object.keys(fromRecords), ["format", "version", "seed", "actions", "fingerprints", "violation"]);
    assert.deepEqual(fromRecords.actions, blocking);
    assert.equal(fingerprintsProblem(fromRecords), null);
    assert.equal(new Set(fromRecords.fingerprints).size, blocking.length, "each step changes the state");
  });

  it("writes text that parses back to the document, which the strict container decode accepts", () => {
    const document = documentFromRecords(model, header, {}, blocking, verdict);
    const text = documentText(document);
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(JSON.parse(text), document);
    const decoded = decodeTrace(model, engineTraceOf(document));
    assert.ok(decoded.ok);
    assert.equal(decoded.states.length, blocking.length + 1);
  });

  it("refuses a record or a path index that is not enabled, naming the step", () => {
    assert.throws(() => documentFromRecords(model, header, {}, ["start", "crash", "learn 0"], null),
      /^Error: step 3 is not enabled$/);
    assert.throws(() => documentFromPath(model, header, {}, [0, 99], null),
      /^Error: path index 99 is not enabled at step 1$/);
  });

  it("names a missing or malformed fingerprint", () => {
    const document = documentFromRecords(model, header, {}, blocking, verdict);
    assert.equal(fingerprintsProblem({ ...document, fingerprints: document.fingerprints.slice(1) }),
      "fingerprints: 3 for 4 actions (one per action)");
    const bad = [...document.fingerprints.slice(0, 3), "xyz"];
    assert.equal(fingerprintsProblem({ ...document, fingerprints: bad }),
      'fingerprints[3]: expected 16 hex digits, got "xyz"');
  });
});
