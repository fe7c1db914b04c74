/**
 * Crash safety: a child process writes, we SIGKILL it right after a put
 * returned, and the value must be there on reopen.
 *
 * What this does and does not prove: SIGKILL gives the process no chance to
 * flush or close, so it proves a write is committed when putSync returns (or
 * a commit resolves) and that the store reopens cleanly after an unclean stop
 * (stale lock and reader slots). The OS page cache survives a process kill, so it cannot prove the
 * fsync; that rests on `overlappingSync: false` (see durable-store.ts).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDurableStore } from "../../../impl/net/durable-store.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";

const writer = fileURLToPath(new URL("./fixtures/durable-store-writer.js", import.meta.url));
const killAfter = 50;

/** Runs the writer until it has announced `killAfter` writes, SIGKILLs it, and returns the last write it announced. */
function writeThenKill(dir: string, mode: "single" | "many" | "commit"): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, mode], { stdio: ["ignore", "pipe", "inherit"] });
    let lastSynced = -1;
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      const lines = (pending + text).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) lastSynced = Math.max(lastSynced, Number(line.replace("synced ", "")));
      if (lastSynced >= killAfter) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(lastSynced);
      else reject(new Error(`writer ended before the kill: code ${code}, signal ${signal}`));
    });
  });
}

describe("durable store after SIGKILL", () => {
  const freshDir = temporaryDirs("crash");

  it("keeps every put that returned before the kill", async () => {
    const dir = freshDir();
    const lastSynced = await writeThenKill(dir, "single");
    assert.ok(lastSynced >= killAfter);
    const store = openDurableStore(dir);
    for (let i = 0; i <= lastSynced; i += 1) assert.deepEqual(store.get(`k${i}`), { i, padding: "x".repeat(200) });
    await store.close();
  });

  for (const mode of ["many", "commit"] as const) {
    it(`keeps each batch whole: both halves of a ${mode === "many" ? "putMany" : "commit"} or neither`, async () => {
      const dir = freshDir();
      const lastSynced = await writeThenKill(dir, mode);
      const store = openDurableStore(dir);
      const last = store.get("last");
      // Every batch that resolved before the kill is there, and nothing past the last one stored.
      assert.ok(typeof last === "number" && last >= lastSynced);
      for (let i = 0; i <= last + 1; i += 1) {
        assert.equal(store.get(`a${i}`), store.get(`b${i}`)); // all-or-nothing per batch
        assert.equal(store.get(`a${i}`), i <= last ? i : undefined);
      }
      await store.close();
    });
  }
});
