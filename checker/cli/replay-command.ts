/**
 * The command behind `npm run replay -- <trace.json> [--verbose] [--render mermaid|html] [--out FILE]`:
 * re-runs a counterexample through the real core and prints it step by step
 * (checker/trace/replay.ts says how divergences are treated). Exit codes: 1 the trace
 * still violates (its recorded invariant, or another one: the last line says
 * which), 0 it runs clean (a fixed bug, when it recorded one), 2 bad usage, a bad
 * file or an unreplayable trace. Every failure is one line, never a stack trace.
 */
import fs from "node:fs";
import path from "node:path";
import { needsPatchedBuild, spawnPatched } from "../mutants/spawn-patched.js";
import { loadTrace } from "../trace/trace-file.js";
import { fingerprintProblem, replayExitCode, replayTrace } from "../trace/replay.js";
import { replayLines } from "../render/replay-text.js";
import { renderHtml } from "../render/render-html.js";
import { renderMermaid } from "../render/render-mermaid.js";
import { sequenceModel } from "../render/sequence-model.js";
import { choiceFlag, helpText, parseFlags, type FlagSpec } from "./flags.js";

const replayFlags: readonly FlagSpec[] = [
  { name: "verbose", type: "boolean", help: "also print what each stepped node emitted: sends, decisions, evidence" },
  { name: "render", type: "string", help: "also draw the run as a sequence diagram: mermaid|html" },
  {
    name: "out", type: "string", help: "file for the diagram; - for stdout",
    default: "<trace name>.mmd or .html in the current directory",
  },
  { name: "help", type: "boolean", help: "print this help" },
];

const summary = "Re-runs a trace file through the core and prints it step by step.\n" +
  "Exit: 1 it still violates, 0 it runs clean (a fixed bug), 2 bad usage, bad file or unreplayable.";

/** Where the command writes: the process streams in main, a buffer in tests. */
export interface ReplayIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function replayCommand(argv: readonly string[], io: ReplayIo): number {
  const fail = (line: string): number => {
    io.stderr(`replay: ${line}\n`);
    return 2;
  };
  const parsed = parseFlags(argv, replayFlags, 1);
  if (!parsed.ok) return fail(`${parsed.error} (see --help)`);
  if (parsed.values["help"] === true) {
    io.stdout(helpText("npm run replay -- <trace.json>", summary, replayFlags));
    return 0;
  }
  const file = parsed.positionals[0];
  if (file === undefined) return fail("which trace? usage: npm run replay -- <trace.json> (see --help)");
  const render = choiceFlag(parsed.values, "render", ["none", "mermaid", "html"] as const, "none");
  if (!render.ok) return fail(render.error);
  const loaded = loadTrace(file);
  if (!loaded.ok) return fail(loaded.error);
  const mutant = loaded.value.config.mutant;
  // A trace found under a mutant replays on the core that carries it: the same command, in its patched build.
  if (needsPatchedBuild(mutant)) {
    const run = spawnPatched(mutant, "checker/cli/replay-main.js", argv, true);
    io.stdout(run.stdout);
    io.stderr(run.stderr);
    return run.status;
  }
  const problem = fingerprintProblem(loaded.value.trace);
  if (problem !== null) return fail(`${file}: ${problem}`);
  const report = replayTrace(loaded.value.trace, loaded.value.config);
  const lines = replayLines(report, parsed.values["verbose"] === true);
  const extension = render.value === "mermaid" ? "mmd" : "html";
  const out = typeof parsed.values["out"] === "string"
    ? parsed.values["out"]
    : `${path.basename(file, ".json")}.${extension}`;
  // With the diagram on stdout, the step-by-step report moves to stderr so the two never mix.
  const print = render.value !== "none" && out === "-" ? io.stderr : io.stdout;
  print(`replay ${file}\n${lines.join("\n")}\n`);
  if (render.value !== "none") {
    const model = sequenceModel(report, path.basename(file));
    const text = render.value === "mermaid" ? renderMermaid(model) : renderHtml(model, replayLines(report, true));
    const written = writeDiagram(out, text, io);
    if (written !== null) return fail(written);
  }
  return replayExitCode(report);
}


/** Writes the diagram to `out` ("-": stdout); the reason as one line when it cannot. */
function writeDiagram(out: string, text: string, io: ReplayIo): string | null {
  if (out === "-") {
    io.stdout(text);
    return null;
  }
  try {
    fs.writeFileSync(out, text);
  } catch (e) {
    return `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
  io.stdout(`diagram: ${out}\n`);
  return null;
}
