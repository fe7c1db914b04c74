import type { SearchModel } from "./search-model.js";

/**
 * The `sometimes` properties not yet witnessed, by name (a family's models share them). BFS checks every
 * state; random and coverage search check a run's last state: in a model whose progress only grows, that
 * state witnesses what the run reached.
 */
export class Witness<S> {
  readonly reached: string[] = [];
  private pending: string[] | null = null;

  check(model: SearchModel<S, unknown>, state: S): void {
    const all = model.sometimes ?? [];
    this.pending ??= all.map((p) => p.name);
    if (this.pending.length === 0) return;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const name = this.pending[i] as string;
      const p = all.find((q) => q.name === name);
      if (p !== undefined && p.check(state) === null) { this.reached.push(name); this.pending.splice(i, 1); }
    }
  }
}
