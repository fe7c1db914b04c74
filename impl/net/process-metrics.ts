/**
 * The standard `process_*` series (the names Prometheus client libraries use,
 * so existing dashboards work), read from Node and /proc at scrape time.
 * prom-client would give the same series, but our registry (metrics.ts) is
 * 90 lines and these are five reads, so it does not earn a dependency.
 */
import { readdirSync } from "node:fs";
import { Gauge, type Registry } from "./metrics.js";

const startSeconds = Date.now() / 1000 - process.uptime();

/** Open file descriptors (Linux /proc); null where /proc is absent. */
function openFds(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

export function addProcessMetrics(registry: Registry): void {
  const one = (value: number) => [{ labels: {}, value }];
  registry.add(new Gauge("process_cpu_user_seconds_total", "User CPU time spent, seconds.",
    () => one(process.cpuUsage().user / 1e6), "counter"));
  registry.add(new Gauge("process_cpu_system_seconds_total", "System CPU time spent, seconds.",
    () => one(process.cpuUsage().system / 1e6), "counter"));
  registry.add(new Gauge("process_resident_memory_bytes", "Resident memory size, bytes.",
    () => one(process.memoryUsage.rss())));
  registry.add(new Gauge("process_heap_bytes", "V8 heap used, bytes.", () => one(process.memoryUsage().heapUsed)));
  // Beside the heap used: what V8 holds for it, and memory outside it (Buffers: frames, LMDB values), so a growing
  // RSS can be told apart (a soak's first question).
  registry.add(new Gauge("nodejs_heap_size_total_bytes", "V8 heap committed, bytes.",
    () => one(process.memoryUsage().heapTotal)));
  registry.add(new Gauge("nodejs_external_memory_bytes", "Memory of C++ objects bound to JS (Buffers), bytes.",
    () => one(process.memoryUsage().external)));
  registry.add(new Gauge("nodejs_array_buffers_bytes", "Memory of ArrayBuffers and Buffers (part of external), bytes.",
    () => one(process.memoryUsage().arrayBuffers)));
  registry.add(new Gauge("process_start_time_seconds", "Start time of the process since the Unix epoch, seconds.",
    () => one(startSeconds)));
  registry.add(new Gauge("process_open_fds", "Open file descriptors.", () => {
    const fds = openFds();
    return fds === null ? [] : one(fds);
  }));
}
