/**
 * The simulation's report: (a) confirmations, (b) the message log, (c) the
 * potentially faulty nodes with their evidence, (d) messages per decided txn;
 * as text, as one JSON object, and the log as JSON lines. Nothing here reads
 * a clock, so the same seed gives byte-identical output.
 */
import { nodeName } from "../render/action-format.js";
import type { Simulation } from "../simulate/simulate.js";
import type { SimulationSummary } from "../simulate/simulate-summary.js";
import { defaultAddresses } from "./participants-flag.js";
import type { SimulateCommand } from "./simulate-options.js";
import { asNodeId } from "../../spec/ids.js";

function participantsOf(sim: Simulation, command: SimulateCommand) {
  return command.addresses.map((address, id) => ({
    node: nodeName(asNodeId(id), sim.config.n), address, byzantine: sim.config.byzantine.includes(asNodeId(id)),
    ...(sim.config.byzantine.includes(asNodeId(id)) ? { strategy: sim.config.strategy } : {}),
  }));
}

function safetyOf(sim: Simulation): string {
  return sim.violation === null
    ? "every state satisfied I1-I7"
    : `VIOLATION of ${sim.violation.invariant}: ${sim.violation.message}`;
}

export function simulationJson(sim: Simulation, summary: SimulationSummary, command: SimulateCommand): string {
  const { input } = command;
  return JSON.stringify({
    mode: "simulate", seed: input.seed, n: input.n, f: input.f, propose: input.propose, txns: input.txns,
    rates: { byzantine: input.byzantineProb, loss: input.loss, dup: input.dup, reorder: input.reorder },
    participants: participantsOf(sim, command), coordinator: { node: "C", byzantine: false },
    confirmations: summary.confirmations,
    log: sim.recorder.events.map((e) => ({ step: e.step, phase: e.phase, event: e.line })),
    faulty: summary.faulty, messagesPerTxn: summary.messagesPerTxn,
    undecided: summary.undecided, safety: sim.violation, stuck: sim.stuck,
  });
}

/** The message log as JSON lines: one event per line, with the full action (signed messages included). */
export function simulationLogLines(sim: Simulation): string {
  return sim.recorder.events
    .map((e) => `${JSON.stringify({ step: e.step, phase: e.phase, line: e.line, ...e.action })}\n`)
    .join("");
}

export function simulationText(sim: Simulation, summary: SimulationSummary, command: SimulateCommand): string {
  const { input } = command;
  const out: string[] = [];
  out.push(`byzcommit simulate: n=${input.n} f=${input.f} seed=${input.seed} ` +
    `propose=${input.propose} txns=${input.txns} ` +
    `byzantine-prob=${input.byzantineProb} loss=${input.loss} dup=${input.dup} reorder=${input.reorder}`);
  for (const p of participantsOf(sim, command)) {
    const role = p.byzantine ? `Byzantine (${sim.config.strategy})` : "honest";
    out.push(`  ${p.node.padEnd(3)} ${p.address.padEnd(21)} ${role}`);
  }
  out.push(`  C   coordinator           honest`);
  out.push("", "(a) confirmations: what each participant executed, and the coordinator's reply to the client");
  for (const t of summary.confirmations) {
    const cells = t.participants.map((p) => `${p.node} ${word(p.confirmation)}`).join(", ");
    out.push(`  ${t.txn} (seq ${t.seq ?? "-"}): ${cells}; C replied ${t.reply === null ? "nothing" : word(t.reply)}`);
  }
  out.push("", `(b) messages exchanged (${sim.recorder.events.length} events)`);
  let phase = "";
  for (const e of sim.recorder.events) {
    if (e.phase !== phase) { phase = e.phase; out.push(`  -- ${phaseTitle(e.phase)} --`); }
    out.push(`  ${String(e.step).padStart(4)}. ${e.line}`);
  }
  out.push("", "(c) potentially faulty");
  if (summary.faulty.length === 0) out.push("  none identified");
  for (const f of summary.faulty) {
    const was = f.byzantine ? "was Byzantine" : "was honest";
    out.push(`  ${f.node} ${f.grade} (reported by ${f.reportedBy.join(",")}; ${was})`);
    for (const r of f.reasons) out.push(`      ${r}`);
  }
  out.push("", "(d) messages per decided txn");
  if (summary.messagesPerTxn.length === 0) out.push("  no txn decided");
  for (const m of summary.messagesPerTxn) out.push(`  ${m.txn} (seq ${m.seq}): ${m.messages} messages`);
  out.push("", `safety: ${safetyOf(sim)}`);
  const open = summary.undecided.map((u) => `${u.txn} at ${u.missing.join(",")}`).join("; ");
  if (open !== "") {
    out.push(`liveness: undecided after the network healed: ${open}` +
      (sim.stuck
        ? " (for good: the healed network came back to a state it had been in)"
        : " (the step bound stopped the run)"));
  }
  out.push(`re-run: npm run simulate -- ${rerunFlags(command)}`);
  return `${out.join("\n")}\n`;
}

const words: Record<string, string> = {
  commit: "committed", abort: "aborted", byzantine: "Byzantine", undecided: "undecided",
};
const word = (c: string): string => words[c] ?? c;

function phaseTitle(phase: string): string {
  if (phase === "submit") return "the client submits to the coordinator";
  if (phase === "faulty") return "faulty network: loss, duplication, reordering, Byzantine moves";
  return "healed network: every message delivered, timers fire";
}

function rerunFlags(c: SimulateCommand): string {
  const i = c.input;
  const named = c.addresses.join() === defaultAddresses(i.n).join()
    ? ""
    : ` --participants ${c.addresses.map((a, id) => `P${id}=${a}`).join(",")}`;
  return `--n ${i.n} --f ${i.f}${named} --propose ${i.propose} ` +
    `--byzantine-prob ${i.byzantineProb} --strategy ${i.strategy} ` +
    `--loss ${i.loss} --dup ${i.dup} --reorder ${i.reorder} --txns ${i.txns} --seed ${i.seed}`;
}
