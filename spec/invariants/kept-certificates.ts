import { transition } from "../transition-view.js";

/**
 * I10p kept prepared certificates (PBFT §4.4's P set): an honest participant that holds a prepared
 * certificate for a seq above its low watermark h keeps one, of that view or a later one, until h passes
 * the seq. A slot committed at an honest participant was prepared at f+1 honest ones, and any Q VIEW-CHANGEs
 * include one of them: only if that one still carries the certificate does the next view keep the txn. A
 * certificate dropped above h shows in no single state (the P set says nothing of what it held before), and
 * the harm, a NEW-VIEW that presumes abort of a committed txn, needs a second view change after the drop;
 * so the step that drops it is judged (the window move that lost every certificate above h survived every
 * probe search: checker/mutants/mutation-triage.md).
 */
export const keptCertificates = transition("I10p", "kept prepared certificates", (d) => {
  const c = d.certificates;
  if (c === null) return null;
  for (const held of c.before) {
    if (held.seq <= c.lowWatermarkAfter) continue;
    const kept = c.after.find((x) => x.seq === held.seq);
    if (kept !== undefined && kept.view >= held.view) continue;
    return `P${d.receiver} dropped its prepared certificate for view ${held.view} seq ${held.seq} on a ` +
      `${d.message.body.kind}, above its low watermark ${c.lowWatermarkAfter}: its next VIEW-CHANGE cannot carry it`;
  }
  return null;
});
