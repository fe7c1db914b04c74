/**
 * The node processes of a test cluster: start (and wait for the `ready` line),
 * SIGKILL, restart, and stop all. Every child gets `--exit-with-parent` and a
 * stdin pipe, so it dies with this process even if this process is SIGKILLed;
 * `stopAll` also runs on exit. Each child's stderr goes to `<dir>/<name>.stderr`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Behaviour } from "../byzantine.js";

export const nodeMain = fileURLToPath(new URL("../node-main.js", import.meta.url));
export const readyMsMax = 30_000;

export interface ReadyLine { readonly ready: string; readonly pid: number; readonly http: string | null }

/**
 * With BYZCOMMIT_CPU_PROF_DIR set, every node runs under V8's sampling profiler and writes a .cpuprofile there
 * when it exits after SIGTERM (Node refuses --cpu-prof in NODE_OPTIONS, so the runner passes it itself).
 */
function profileFlags(): string[] {
  const dir = process.env["BYZCOMMIT_CPU_PROF_DIR"];
  return dir === undefined || dir === "" ? [] : ["--cpu-prof", `--cpu-prof-dir=${dir}`];
}

export class NodeProcesses {
  private readonly children = new Map<string, ChildProcess>();
  private readonly onExit = (): void => { for (const child of this.children.values()) child.kill("SIGKILL"); };

  constructor(
    private readonly configFile: string,
    private readonly dir: string,
    private readonly behaviours: ReadonlyMap<string, Behaviour>,
  ) {
    process.on("exit", this.onExit);
  }

  /** Starts `name` and resolves once it listens; rejects if it exits or stays silent. */
  start(name: string): Promise<ReadyLine> {
    const behaviour = this.behaviours.get(name) ?? "honest";
    const stderr = openSync(path.join(this.dir, `${name}.stderr`), "a");
    const child = spawn(process.execPath, [
      ...profileFlags(),
      nodeMain, "--config", this.configFile, "--id", name, "--exit-with-parent", "--byzantine", behaviour,
    ], { stdio: ["pipe", "pipe", stderr] });
    closeSync(stderr);
    this.children.set(name, child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} not ready within ${readyMsMax} ms`)), readyMsMax);
      let buffered = "";
      child.stdout?.setEncoding("utf8").on("data", (text: string) => {
        buffered += text;
        const line = buffered.split("\n")[0];
        if (line === undefined || !buffered.includes("\n")) return;
        clearTimeout(timer);
        try { resolve(JSON.parse(line) as ReadyLine); } catch { reject(new Error(`${name}: bad ready line ${line}`)); }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited before ready (code ${code}, signal ${signal}); see ${name}.stderr`));
      });
    });
  }

  pid(name: string): number | undefined {
    return this.children.get(name)?.pid;
  }

  /** kill -9: no chance to flush or close. */
  kill(name: string): void {
    this.children.get(name)?.kill("SIGKILL");
    this.children.delete(name);
  }

  /** SIGTERM (nodes close their stores and flush their logs), then SIGKILL whatever is left after `graceMs`. */
  async stopAll(graceMs = 3_000): Promise<void> {
    const running = [...this.children.values()].filter((child) => child.exitCode === null && child.signalCode === null);
    const exited = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
    for (const child of running) child.kill("SIGTERM");
    const timer = setTimeout(() => { for (const child of running) child.kill("SIGKILL"); }, graceMs);
    await Promise.all(exited);
    clearTimeout(timer);
    this.children.clear();
    process.off("exit", this.onExit);
  }
}
