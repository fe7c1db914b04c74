/**
 * The schema-driven single-field corruption operator (checker/model/corrupt-schema.ts):
 * every result differs from its input in exactly one place, and the places come from the
 * schema's AST, so a schema nobody wrote corruption code for (a throwaway one below, with
 * a new kind, a new field, a nullable, an optional key and a nested envelope) is corrupted
 * in every field.
 */
import assert from "node:assert/strict";
import { Schema } from "effect";
import { symbolicDomain } from "../../../checker/model/corrupt-domain.js";
import { corruptions, type Corruption } from "../../../checker/model/corrupt-schema.js";
import { verifySymbolic, signAs } from "../../../checker/model/symbolic-crypto.js";
import { canonicalJson } from "../../../spec/canonical.js";
import { Prepare, Signed } from "../../../spec/messages.js";
import { asNodeId } from "../../../spec/ids.js";
import { certificate, honestEnv } from "../../support/honest-messages.js";
import { PreparedCertificate } from "../../../spec/messages.js";

const env = honestEnv(1);

/** A kind no message has, with fields no message has: nothing in the operator names any of them. */
const Throwaway = Schema.Struct({
  kind: Schema.Literal("Throwaway"),
  round: Schema.Int,
  colour: Schema.Literals(["red", "green", "blue"]),
  note: Schema.NullOr(Schema.String),
  extra: Schema.optionalKey(Schema.Int),
  votes: Schema.Array(Signed(Prepare)),
});
type Throwaway = typeof Throwaway.Type;

const vote = (signer: number, view: number) =>
  signAs(asNodeId(signer), { kind: "Prepare" as const, view, seq: 1, digest: "d" }) as Throwaway["votes"][number];

const throwaway: Throwaway =
  { kind: "Throwaway", round: 3, colour: "green", note: "n", votes: [vote(0, 0), vote(1, 1)] };

/** The places a corruption changed: paths of leaves that differ, compared as canonical JSON. */
function diffPaths(a: unknown, b: unknown, path = ""): string[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !==
    Array.isArray(b)) return [path];
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k],
    path === "" ? k : `${path}.${k}`));
}

function made(value: unknown, ast = Throwaway.ast, known: unknown[] = []): Corruption[] {
  const domain = symbolicDomain(env, asNodeId(2), [], [{ ast, value }, ...known.map((v) => ({ ast, value: v }))]);
  return corruptions(ast, value, domain);
}

describe("single-field corruption operator (checker/model/corrupt-schema.ts)", () => {
  it("corrupts every field of a throwaway schema it was never told about", () => {
    const out = made(throwaway, Throwaway.ast, [{ ...throwaway, round: 7, note: "m", votes: [vote(3, 1)] }]);
    const touched = new Set(out.map((c) => c.path.replace(/\[\d+\].*$/, "[]").split(".")[0]));
    assert.deepEqual([...touched].sort(), ["colour", "extra", "note", "round", "votes[]"]);
    const changes = (path: string): string[] => out.filter((c) => c.path === path).map((c) => c.change);
    assert.deepEqual(changes("colour").sort(), ["literal blue", "literal red"]);
    assert.ok(changes("note").includes("null") && changes("note").includes("unmatched"));
    assert.ok(changes("round").includes("+1 (4)") && changes("round").includes("edge (7)"));
    assert.ok(changes("votes[0]").includes("dropped") && changes("votes[0]").includes("duplicated"));
    assert.ok(out.some((c) => c.path === "votes[0]" && c.change.startsWith("replaced by a known one")));
    assert.ok(out.some((c) => c.path === "votes[1].signer" && c.change.startsWith("forged as")));
    assert.ok(out.some((c) => c.path === "votes[1].signer" && c.change === "signed by 2"));
  });

  it("changes exactly one place in each result, and never returns its input or a duplicate", () => {
    const cert = certificate(env, 3, 1 as never);
    for (const [ast, value] of [[Throwaway.ast, throwaway], [PreparedCertificate.ast, cert]] as const) {
      const out = made(value, ast);
      const keys = out.map((c) => canonicalJson(c.value));
      assert.equal(new Set(keys).size, keys.length, "duplicates");
      assert.ok(!keys.includes(canonicalJson(value)), "the input itself");
      for (const c of out) {
        // The place itself (an array's length when an element is dropped or added), and a signature it breaks.
        const at = c.path.replace(/\[(\d+)\]/g, ".$1");
        const within = (p: string): boolean => p.startsWith(at) || at.startsWith(`${p}.`) ||
          /(^|\.)(signature|signer)$/.test(p);
        const places = diffPaths(value, c.value);
        assert.ok(places.length >= 1 && places.every(within), `${c.path} ${c.change}: changed ${places.join(", ")}`);
      }
    }
  });

  it("re-signs a body only as its own signer; another's envelope is forged, or signed by the sender", () => {
    const mine = symbolicDomain(env, asNodeId(0), [], [{ ast: Throwaway.ast, value: throwaway }]);
    const out = corruptions(Throwaway.ast, throwaway, mine);
    const own = out.find((c) => c.path === "votes[0].body.view");
    assert.ok(own !== undefined && verifySymbolic((own.value as Throwaway).votes[0] as never), "own: re-signed");
    // The adversary's domain changes no body it cannot sign: the envelope's forgeries stand for them.
    assert.ok(!out.some((c) => c.path.startsWith("votes[1].body")));
    const swaps = out.filter((c) => c.path === "votes[1].signer").map((c) => (c.value as Throwaway).votes[1]);
    assert.ok(swaps.some((v) => v !== undefined && !verifySymbolic(v as never)), "a forged signer swap");
    assert.ok(swaps.some((v) => v?.signer === 0 && verifySymbolic(v as never)), "the sender's valid swap");
    const tests = symbolicDomain(env, asNodeId(0), [], [{ ast: Throwaway.ast, value: throwaway }], "all");
    const theirs = corruptions(Throwaway.ast, throwaway, tests).find((c) => c.path === "votes[1].body.view");
    assert.ok(theirs !== undefined && verifySymbolic((theirs.value as Throwaway).votes[1] as never), "a test's: any");
  });

  it("is deterministic: equal inputs give equal corruptions in equal order", () => {
    assert.deepEqual(made(throwaway).map((c) => canonicalJson(c.value)), made(throwaway).map((c) =>
      canonicalJson(c.value)));
  });
});
