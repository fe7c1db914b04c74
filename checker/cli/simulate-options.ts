/** The flags of `npm run simulate` and their translation into a SimulateInput plus output options. */
import { strategyNames } from "../model/check-config.js";
import type { SimulateInput } from "../simulate/simulate.js";
import { choiceFlag, intFlag, type FlagSpec, type FlagValue } from "./flags.js";
import { defaultAddresses, parseParticipants } from "./participants-flag.js";

export const simulateFlags: readonly FlagSpec[] = [
  { name: "f", type: "string", help: "Byzantine participants tolerated", default: "1" },
  { name: "n", type: "string", help: "participants (>= 3f+1)", default: "3f+1" },
  {
    name: "participants", type: "string",
    help: "participants' addresses for the report: P0=host:port,P1=host:port,...",
    default: "P<i>=127.0.0.1:700<i>",
  },
  { name: "propose", type: "string", help: "the coordinator's flag for every txn: commit|abort", default: "commit" },
  {
    name: "byzantine-prob", type: "string",
    help: "probability that each participant is Byzantine (at most f are)",
    default: "0",
  },
  {
    name: "strategy", type: "string",
    help: `what the Byzantine participants do: ${strategyNames.join("|")}`,
    default: "equivocate",
  },
  { name: "loss", type: "string", help: "probability that a message taken from the network is lost", default: "0" },
  {
    name: "dup", type: "string",
    help: "probability that a message taken from the network is duplicated",
    default: "0",
  },
  {
    name: "reorder", type: "string",
    help: "probability that the next message is any one in flight, not the oldest",
    default: "0.25",
  },
  { name: "txns", type: "string", help: "client transactions submitted at the start", default: "1" },
  { name: "seed", type: "string", help: "seed of the simulation's PRNG (same seed, same output)", default: "1" },
  { name: "log", type: "string", help: "also write the message log to FILE as JSON lines" },
  { name: "json", type: "boolean", help: "print one JSON object instead of the report" },
  { name: "help", type: "boolean", help: "print this help" },
];

export interface SimulateCommand {
  readonly input: SimulateInput;
  readonly addresses: readonly string[];
  readonly json: boolean;
  readonly logFile: string | null;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

function probabilityFlag(v: Record<string, FlagValue>, name: string, fallback: number): Result<number> {
  const raw = v[name];
  if (raw === undefined) return { ok: true, value: fallback };
  const value = typeof raw === "string" && /^(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    return { ok: false, error: `--${name} must be a probability in 0..1, got "${String(raw)}"` };
  }
  return { ok: true, value };
}

export function simulateCommandFromFlags(v: Record<string, FlagValue>): Result<SimulateCommand> {
  const f = intFlag(v, "f", 1, 0, 9);
  if (!f.ok) return f;
  const ints = [
    intFlag(v, "n", 3 * f.value + 1, 1, 29), intFlag(v, "txns", 1, 1, 9), intFlag(v, "seed", 1, 0, 2 ** 31 - 1),
  ] as const;
  for (const r of ints) if (!r.ok) return r;
  const [n, txns, seed] = ints.map((r) => (r.ok ? r.value : 0)) as [number, number, number];
  const probabilities: Record<string, number> = {};
  for (const [name, fallback] of [["byzantine-prob", 0], ["loss", 0], ["dup", 0], ["reorder", 0.25]] as const) {
    const r = probabilityFlag(v, name, fallback);
    if (!r.ok) return r;
    probabilities[name] = r.value;
  }
  const propose = choiceFlag(v, "propose", ["commit", "abort"] as const, "commit");
  if (!propose.ok) return propose;
  const strategy = choiceFlag(v, "strategy", strategyNames, "equivocate");
  if (!strategy.ok) return strategy;
  if (n < 3 * f.value + 1) {
    return { ok: false, error: `--n must be at least 3f+1 = ${3 * f.value + 1} for f = ${f.value}, got ${n}` };
  }
  const raw = v["participants"];
  const addresses = typeof raw === "string"
    ? parseParticipants(raw, n)
    : { ok: true as const, value: defaultAddresses(n) };
  if (!addresses.ok) return addresses;
  const log = v["log"];
  return {
    ok: true,
    value: {
      input: {
        n, f: f.value, propose: propose.value, strategy: strategy.value, txns, seed,
        byzantineProb: probabilities["byzantine-prob"] ?? 0, loss: probabilities["loss"] ?? 0,
        dup: probabilities["dup"] ?? 0,
        reorder: probabilities["reorder"] ?? 0,
      },
      addresses: addresses.value, json: v["json"] === true, logFile: typeof log === "string" ? log : null,
    },
  };
}
