/**
 * One process's resource counters from /proc (Linux), read from outside it, so a
 * benchmark measures node processes without their cooperation: CPU time (user +
 * system), resident memory, and bytes written (`wchar`: everything handed to
 * write(2), the durable store's pages and the message log alike; `write_bytes`:
 * what reached the block layer, 0 on some virtual filesystems). Resident memory is
 * split as the kernel counts it: anonymous (the V8 heap, malloc, Buffers) and file
 * pages (mapped files: LMDB's data file is memory-mapped, so a store that grows on
 * disk grows RSS here), so a growing RSS says which kind grows.
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux this runs on (`getconf CLK_TCK`). */
const clockTicksPerSecond = 100;

export interface ProcSample {
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly rssAnonBytes: number;
  /** File-backed and shared resident pages (RssFile + RssShmem). */
  readonly rssFileBytes: number;
  readonly writtenBytes: number;
  readonly diskWrittenBytes: number;
}

export function sampleProcess(pid: number): ProcSample | null {
  try {
    // Fields after the command (which may hold spaces) start after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const io = readFileSync(`/proc/${pid}/io`, "utf8");
    const field = (name: string): number => Number(new RegExp(`${name}: (\\d+)`).exec(io)?.[1] ?? 0);
    return {
      cpuMs: (ticks * 1000) / clockTicksPerSecond, rssBytes: kb("VmRSS") * 1024,
      rssAnonBytes: kb("RssAnon") * 1024, rssFileBytes: (kb("RssFile") + kb("RssShmem")) * 1024,
      writtenBytes: field("wchar"), diskWrittenBytes: field("write_bytes"),
    };
  } catch {
    return null; // the process is gone
  }
}
