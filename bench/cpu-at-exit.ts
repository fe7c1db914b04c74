/**
 * Loaded with `node --import` into a checker run by the growth table (growth-main.ts): when the process exits it
 * writes its CPU time (every thread's) and peak RSS on one line of stderr, which the parent reads, because Node
 * gives a parent no resource usage of a child it spawned.
 */
import { writeSync } from "node:fs";
import { cpuLinePrefix, type CpuLine } from "./cpu-line.js";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeSync(2, `\n${cpuLinePrefix}${JSON.stringify({ cpuMs, maxRssKiB: usage.maxRSS } satisfies CpuLine)}\n`);
});
