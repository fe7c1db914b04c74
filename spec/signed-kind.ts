/**
 * `Signed<M>` narrowed by the kind of its body. A switch on `m.body.kind` narrows the body but not the
 * envelope around it (TypeScript does not narrow through a nested tag), so a handler that takes a signed
 * PRE-PREPARE would otherwise get its envelope by a cast. `isSignedKind` is the checked narrowing instead.
 */
import type { Message, MessageKind, Signed, SignedMessage } from "./messages.js";

/** A signed message of kind `K`; a union of kinds gives the union of envelopes (`Signed<Prepare> | Signed<Commit>`). */
export type SignedOfKind<K extends MessageKind> = K extends MessageKind ? Signed<Extract<Message, { kind: K }>> : never;

export function isSignedKind<K extends MessageKind>(m: SignedMessage, kind: K): m is SignedOfKind<K> {
  return m.body.kind === kind;
}
