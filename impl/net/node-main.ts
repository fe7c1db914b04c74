/**
 * `npm run node -- --config cluster.json --id P2 [--byzantine silent|equivocate] [--log <file>] [--exit-with-parent]`
 *
 * Runs one node (a participant P0..P(n-1), or the coordinator C) until SIGINT
 * or SIGTERM. Prints one `ready` line on stdout when it listens, as JSON, so a
 * supervisor can wait for it. `--exit-with-parent`: exit when stdin closes, so
 * nodes started by `npm run cluster` never outlive it, even if it is killed.
 *
 * Exit codes follow the other CLIs: 0 stopped, 1 failed, 2 bad usage.
 */
import { isBehaviour } from "./byzantine.js";
import { startNode } from "./node.js";
import { strictArgs } from "./strict-args.js";

const usage = "usage: npm run node -- --config <cluster.json> --id <P0..P(n-1)|C>"
  + " [--byzantine honest|silent|equivocate] [--log <file>|none] [--exit-with-parent]";

async function main(argv: readonly string[]): Promise<number> {
  const parsed = strictArgs(argv, {
    config: { type: "string" }, id: { type: "string" }, byzantine: { type: "string" }, log: { type: "string" },
    "exit-with-parent": { type: "boolean" }, help: { type: "boolean", short: "h" },
  });
  if (!parsed.ok) return fail(2, `node: ${parsed.error}\n${usage}`);
  const values = parsed.value;
  if (values.help === true) return void process.stdout.write(`${usage}\n`), 0;
  if (values.config === undefined || values.id === undefined) {
    return fail(2, `node: --config and --id are required\n${usage}`);
  }
  const behaviour = values.byzantine ?? "honest";
  if (!isBehaviour(behaviour)) return fail(2, `node: --byzantine ${behaviour}: expected honest, silent or equivocate`);
  const started = await startNode({
    configFile: values.config, name: values.id, behaviour,
    ...(values.log === undefined ? {} : { logFile: values.log === "none" ? null : values.log }),
  });
  if (!started.ok) return fail(1, `node: ${started.error}`);
  const node = started.value;
  const ready = { ready: node.name, pid: process.pid, http: node.httpUrl, log: node.logFile };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    if (values["exit-with-parent"] === true) {
      process.stdin.on("close", resolve).on("end", resolve).resume();
    }
  });
  await node.close();
  return 0;
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  // Exit explicitly: keep-alive HTTP sockets (faulty-list aggregation) must not hold the process open.
  (code) => process.exit(code),
  (error: unknown) => {
    // Our bug or a failing disk: stop rather than run on with a state we could not persist.
    process.stderr.write(`node: fatal: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
