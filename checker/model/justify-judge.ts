/**
 * The judge the justification invariants (I10) re-check retained messages with: the
 * run's own crypto (symbolic here) and config, and a memo of verdicts per immutable
 * object (a NEW-VIEW, a VIEW-CHANGE, a certificate). A verdict depends on the object
 * and the config alone, so the memo lives as long as the context and is never wrong.
 */
import type { Judge } from "../../spec/held-state.js";
import type { Signed } from "../../spec/messages.js";
import type { Env } from "../../impl/core/types.js";

export function makeJudge(env: Env): Judge {
  const verdicts = new WeakMap<object, string | null>();
  return {
    config: env.config,
    // The core's verify takes its own message union; the symbolic and Ed25519 checks read only the envelope.
    verify: (signed: Signed<unknown>) => env.verify(signed as Parameters<Env["verify"]>[0]),
    digest: env.digest,
    remember: (key, compute) => {
      const known = verdicts.get(key);
      if (known !== undefined) return known;
      const verdict = compute();
      verdicts.set(key, verdict);
      return verdict;
    },
  };
}
