/**
 * A tiny JSON-over-HTTP(S) client on node:http and node:https, with a hard
 * timeout: the client library, the cluster tool, the tests and the
 * coordinator's faulty-list aggregation use it. Failures are values, never
 * exceptions. An `https:` URL uses the agent given (e.g. one trusting the
 * cluster's own CA), else Node's default trust store.
 */
import http from "node:http";
import https from "node:https";

export type HttpResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly text: string;
      /** The Retry-After header in seconds, when the server sent one (429, 503). */
      readonly retryAfterSeconds: number | null }
  | { readonly ok: false; readonly error: string };

/** One keep-alive agent per process: thousands of client requests must not each open a socket. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One request. A kept-alive socket the server closed meanwhile (it restarted) fails with a reset
 * before any answer; that request is tried once more on a fresh socket. Every request here is
 * idempotent (GETs, and POST /txn resubmits the same id), so the retry is safe.
 */
export async function requestJson(method: "GET" | "POST", url: string, body: unknown, timeoutMs: number,
  tlsAgent: https.Agent = httpsAgent): Promise<HttpResult> {
  const first = await requestOnce(method, url, body, timeoutMs, tlsAgent);
  if (!("staleSocket" in first)) return first;
  const second = await requestOnce(method, url, body, timeoutMs, tlsAgent);
  return "staleSocket" in second ? { ok: false, error: "connection reset" } : second;
}

function requestOnce(method: "GET" | "POST", url: string, body: unknown, timeoutMs: number,
  tlsAgent: https.Agent): Promise<HttpResult | { readonly staleSocket: true }> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    const secure = url.startsWith("https:");
    const request = (secure ? https : http).request(url, {
      method, agent: secure ? tlsAgent : agent, timeout: timeoutMs,
      headers: payload === undefined ? {} : { "content-type": "application/json", "content-length": payload.length },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => resolve({ ok: false, error: error.message }));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = undefined;
        try { parsed = JSON.parse(text); } catch { /* a text body, e.g. /metrics */ }
        const retryAfter = Number(response.headers["retry-after"]);
        resolve({ ok: true, status: response.statusCode ?? 0, body: parsed, text,
          retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null });
      });
    });
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", (error) => {
      const stale = request.reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET";
      resolve(stale ? { staleSocket: true } : { ok: false, error: error.message });
    });
    request.end(payload);
  });
}

export const getJson = (url: string, timeoutMs = 2_000): Promise<HttpResult> =>
  requestJson("GET", url, undefined, timeoutMs);
export const postJson = (url: string, body: unknown, timeoutMs = 30_000): Promise<HttpResult> =>
  requestJson("POST", url, body, timeoutMs);
