/** The stderr line on which a growth-table child reports its CPU time and peak RSS (cpu-at-exit.ts, growth-main.ts). */
export const cpuLinePrefix = "growth-cpu ";

export interface CpuLine {
  readonly cpuMs: number;
  readonly maxRssKiB: number;
}
