/**
 * `--participants P0=host:port,P1=host:port,...`: the participants' addresses,
 * named for the simulation report only (the simulation itself runs in memory).
 * Exactly one entry per participant P0..P(n-1); a host is a name, an IPv4
 * address or a bracketed IPv6 address; a port is 1..65535.
 */
type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const entryPattern = /^P(0|[1-9]\d*)=([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;

/** The default addresses: P<i> on 127.0.0.1, port 7000 + i. */
export const defaultAddresses = (n: number): string[] => Array.from({ length: n }, (_, i) => `127.0.0.1:${7000 + i}`);

/** Addresses by participant id, or a one-line error. */
export function parseParticipants(raw: string, n: number): Result<string[]> {
  const addresses: (string | undefined)[] = new Array<string | undefined>(n).fill(undefined);
  for (const part of raw.split(",")) {
    const m = entryPattern.exec(part.trim());
    if (m === null) {
      const error = `--participants takes P<i>=host:port entries separated by commas, got "${part.trim()}"`;
      return { ok: false, error };
    }
    const id = Number(m[1]);
    const port = Number(m[3]);
    if (id >= n) return { ok: false, error: `--participants: P${id} is not a participant (n = ${n})` };
    if (port < 1 || port > 65535) {
      return { ok: false, error: `--participants: P${id}'s port must be in 1..65535, got ${port}` };
    }
    if (addresses[id] !== undefined) return { ok: false, error: `--participants: P${id} appears twice` };
    addresses[id] = `${m[2]}:${port}`;
  }
  const missing = addresses.findIndex((a) => a === undefined);
  if (missing !== -1) {
    return { ok: false, error: `--participants: P${missing} has no address (n = ${n} needs P0..P${n - 1})` };
  }
  return { ok: true, value: addresses as string[] };
}
