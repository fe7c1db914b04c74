import { alwaysEach } from "../global-view.js";

/** I2: a committed txn was submitted by the client; an honest coordinator's abort is never committed. */
export const validity = alwaysEach("I2", "validity", (p, g) => {
  for (const o of p.outcomes) {
    if (o.outcome !== "commit") continue;
    const submitted = g.submitted.find((s) => s.txn.id === o.txn);
    if (submitted === undefined) return `P${p.id} committed ${o.txn}, which the client never submitted`;
    if (g.coordinatorHonest && submitted.flag === "abort")
      return `P${p.id} committed ${o.txn}, which the honest coordinator proposed as abort`;
  }
  return null;
});
