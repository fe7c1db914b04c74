/**
 * A minimal Prometheus registry: counters, gauges and histograms with labels,
 * rendered in the text exposition format (version 0.0.4). Small enough that a
 * client library is not worth a dependency.
 */
type Labels = Readonly<Record<string, string>>;

const escape = (value: string): string => value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n");

function labelText(labels: Labels, extra: Labels = {}): string {
  const all = { ...labels, ...extra };
  const keys = Object.keys(all).sort();
  return keys.length === 0 ? "" : `{${keys.map((k) => `${k}="${escape(all[k] ?? "")}"`).join(",")}}`;
}

interface Metric {
  render(): string[];
}

class Series<V> {
  protected readonly series = new Map<string, { labels: Labels; value: V }>();

  protected entry(labels: Labels, initial: () => V): { labels: Labels; value: V } {
    const key = labelText(labels);
    let found = this.series.get(key);
    if (found === undefined) {
      found = { labels, value: initial() };
      this.series.set(key, found);
    }
    return found;
  }
}

export class Counter extends Series<number> implements Metric {
  constructor(private readonly name: string, private readonly help: string) { super(); }
  inc(labels: Labels = {}, by = 1): void { this.entry(labels, () => 0).value += by; }
  get(labels: Labels = {}): number { return this.series.get(labelText(labels))?.value ?? 0; }
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`,
      ...[...this.series.values()].map((s) => `${this.name}${labelText(s.labels)} ${s.value}`)];
  }
}

/**
 * A value read at render time, so it can never go stale: a gauge, or a counter kept elsewhere
 * (e.g. the process's CPU seconds, which the OS counts).
 */
export class Gauge implements Metric {
  constructor(private readonly name: string, private readonly help: string,
    private readonly read: () => readonly { readonly labels: Labels; readonly value: number }[],
    private readonly type: "gauge" | "counter" = "gauge") {}
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`,
      ...this.read().map((s) => `${this.name}${labelText(s.labels)} ${s.value}`)];
  }
}

export class Histogram extends Series<{ counts: number[]; sum: number; count: number }> implements Metric {
  constructor(
    private readonly name: string, private readonly help: string, private readonly buckets: readonly number[],
  ) { super(); }
  observe(value: number, labels: Labels = {}): void {
    const h = this.entry(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 })).value;
    this.buckets.forEach((bound, i) => { if (value <= bound) h.counts[i] = (h.counts[i] ?? 0) + 1; });
    h.sum += value;
    h.count += 1;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, value } of this.series.values()) {
      this.buckets.forEach((bound, i) =>
        lines.push(`${this.name}_bucket${labelText(labels, { le: String(bound) })} ${value.counts[i] ?? 0}`));
      lines.push(`${this.name}_bucket${labelText(labels, { le: "+Inf" })} ${value.count}`);
      lines.push(
        `${this.name}_sum${labelText(labels)} ${value.sum}`,
        `${this.name}_count${labelText(labels)} ${value.count}`,
      );
    }
    return lines;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];
  add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join("\n")}\n`;
  }
}
