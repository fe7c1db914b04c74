/**
 * A tiny JSON-over-HTTP client on node:http, with a hard timeout: the cluster
 * tool, the tests and the coordinator's faulty-list aggregation use it, all on
 * loopback. Failures are values, never exceptions.
 */
import http from "node:http";

export type HttpResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly text: string }
  | { readonly ok: false; readonly error: string };

/** One keep-alive agent per process: thousands of client requests must not each open a socket. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function requestJson(method: "GET" | "POST", url: string, body: unknown, timeoutMs: number): Promise<HttpResult> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    const request = http.request(url, {
      method, agent, timeout: timeoutMs,
      headers: payload === undefined ? {} : { "content-type": "application/json", "content-length": payload.length },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => resolve({ ok: false, error: error.message }));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = undefined;
        try { parsed = JSON.parse(text); } catch { /* a text body, e.g. /metrics */ }
        resolve({ ok: true, status: response.statusCode ?? 0, body: parsed, text });
      });
    });
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", (error) => resolve({ ok: false, error: error.message }));
    request.end(payload);
  });
}

export const getJson = (url: string, timeoutMs = 2_000): Promise<HttpResult> => requestJson("GET", url, undefined, timeoutMs);
export const postJson = (url: string, body: unknown, timeoutMs = 30_000): Promise<HttpResult> => requestJson("POST", url, body, timeoutMs);
