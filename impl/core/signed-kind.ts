/** The core's side of `spec/signed-kind.ts`: a handler's envelope, narrowed after its router checked the kind. */
import type { MessageKind, SignedMessage } from "../../spec/messages.js";
import { isSignedKind, type SignedOfKind } from "../../spec/signed-kind.js";
import { assert } from "./assert.js";

/** `m` as a signed message of `kind`. The router switched on `m.body.kind`, so a mismatch is our bug. */
export function signedOfKind<K extends MessageKind>(m: SignedMessage, kind: K): SignedOfKind<K> {
  assert(isSignedKind(m, kind), `a ${m.body.kind} routed as a ${kind}`);
  return m;
}
