/** `npm run check -- --mode random`: implemented by the random-runs work (issue 4). */
import type { CheckConfig } from "../check-config.js";
import type { SearchBounds } from "./check-options.js";
import type { RunOutput } from "./run-bfs.js";

export function runRandom(_config: CheckConfig, _bounds: SearchBounds, _output: RunOutput): number {
  process.stderr.write("check: --mode random is not available yet\n");
  return 2;
}
