/**
 * Swarm testing per excursion (Groce et al., "Swarm Testing", ISSTA 2012):
 * each excursion leaves out a random half of the features (which the model
 * names: deliveries from a given sender, adversary moves of a given kind), so
 * the moves it keeps are not diluted by the rest, and some excursions hold a
 * message back for their whole length where a uniform draw would deliver it
 * within a few steps. A feature is drawn the first time an excursion meets it;
 * a step whose every action is left out draws from all of them.
 */
import { chance, type Rng } from "./prng.js";

export class SwarmFeatures<A> {
  private readonly kept = new Map<string, boolean>();
  constructor(private readonly rng: Rng, private readonly featureOf: (action: A) => string | null) {}

  filter(enabled: readonly A[]): readonly A[] {
    const out = enabled.filter((a) => this.keeps(this.featureOf(a)));
    return out.length > 0 ? out : enabled;
  }

  private keeps(feature: string | null): boolean {
    if (feature === null) return true;
    let keep = this.kept.get(feature);
    if (keep === undefined) { keep = chance(this.rng, 0.5); this.kept.set(feature, keep); }
    return keep;
  }
}
