/**
 * `npm run cluster -- --n 4 --f 1 --txns 1000 --concurrency 32 [--byzantine P3:equivocate]
 *   [--loss 0.05 --dup 0.02 --delay-ms 0-20] [--kill P1@2s --restart P1@4s] [--json]`
 *
 * Starts a local cluster (every port on 127.0.0.1), runs the workload, prints
 * the report, and exits 0 when every honest replica agrees and holds every
 * acknowledged outcome, 1 otherwise (or on error / the global timeout), 2 on
 * bad usage. Every node process is stopped before exit, whatever happens.
 */
import { configProblem, makeProtocolConfig } from "../../../spec/config.js";
import { parseClusterArgs, usage } from "./cluster-args.js";
import { renderText, summarize } from "./cluster-report.js";
import { runCluster } from "./cluster-run.js";

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseClusterArgs(argv);
  if (!parsed.ok) return fail(2, `cluster: ${parsed.error}\n${usage}`);
  if (parsed.value.help) return void process.stdout.write(`${usage}\n`), 0;
  const { options, json } = parsed.value;
  const problem = configProblem(makeProtocolConfig(options.n, options.f));
  if (problem !== null) return fail(2, `cluster: ${problem}`);
  const log = json ? (): void => undefined : (line: string): void => void process.stderr.write(`cluster: ${line}\n`);
  try {
    const summary = summarize(await runCluster({ ...options, log }));
    process.stdout.write(json ? `${JSON.stringify(summary, null, 2)}\n` : renderText(summary));
    return summary.ok ? 0 : 1;
  } catch (error) {
    return fail(1, `cluster: ${(error as Error).message}`);
  }
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

// SIGINT/SIGTERM: exit through the process "exit" hook, which SIGKILLs every node.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
main(process.argv.slice(2)).then((code) => process.exit(code));
