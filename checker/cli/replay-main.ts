/** `npm run replay -- <trace.json> [flags]`: see replay-command.ts. */
import { replayCommand } from "./replay-command.js";

process.exitCode = replayCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
