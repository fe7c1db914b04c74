/**
 * A trace's actions as the root of a search (`--from`): the world at their end, replayed
 * from the initial world in a given context. BFS replays it once; random mode once per
 * run, since each run has its own intern tables (context.ts) and a world built in one
 * context's tables means nothing in another's; coverage once, its archive's first cell.
 */
import type { ActionRecord, Trace } from "../../spec/trace.js";
import { matchAction } from "../model/action-codec.js";
import { enabledActions } from "../model/actions.js";
import { apply } from "../model/apply.js";
import type { CheckContext } from "../model/context.js";
import { initialWorld } from "../model/initial-world.js";
import type { World } from "../model/world.js";

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The trace a search starts from: its file (for reports and re-run commands) and its actions. */
export interface SearchRoot {
  readonly file: string;
  readonly records: readonly ActionRecord[];
}

/** The world at the end of the trace's actions and their indices, or the step that does not replay. */
export function replayPrefix(file: string, trace: Pick<Trace, "actions">, ctx: CheckContext):
  Result<{ world: World; indices: number[] }> {
  let world = initialWorld(ctx);
  const indices: number[] = [];
  for (const [i, record] of trace.actions.entries()) {
    const match = matchAction(world, ctx, record);
    if (match === null) return { ok: false, error: `${file}: step ${i + 1} (${record.kind}) is not enabled there` };
    // A loose match (a move the enumeration leaves out as a self-loop) has no index a path could name.
    if (match.index >= enabledActions(world, ctx).length) {
      return { ok: false, error: `${file}: step ${i + 1} is a move the search does not enumerate there` };
    }
    indices.push(match.index);
    world = apply(world, match.action, ctx).world;
  }
  return { ok: true, value: { world, indices } };
}

/** The root's world in `ctx`; the caller replayed it once already (`replayPrefix`), so a failure here is a bug. */
export function rootWorld(root: SearchRoot, ctx: CheckContext): World {
  const replayed = replayPrefix(root.file, { actions: root.records }, ctx);
  if (!replayed.ok) throw new Error(`the root replayed once and not again: ${replayed.error}`);
  return replayed.value.world;
}

/** What a search's summary says of its root: the trace file and its length (null and 0 from the initial world). */
export function rootFields(root: SearchRoot | null): { from: string | null; prefixSteps: number } {
  return { from: root?.file ?? null, prefixSteps: root?.records.length ?? 0 };
}
