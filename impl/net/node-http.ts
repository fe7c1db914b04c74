/**
 * Every node's HTTP endpoint (node:http, JSON):
 *
 *   GET  /status                 role, view, progress, replica digest
 *   GET  /replica                participants: every executed txn's outcome, and the replica digest
 *   GET  /faulty[?scope=local]   evidence held (the coordinator merges the participants' unless scope=local)
 *   GET  /metrics                Prometheus text format
 *   POST /txn, GET /txn/:id      the coordinator's client API (client-api.ts)
 *   GET  /txn/:id                participants: the signed confirmation of an executed txn
 *                                (a client reads f+1 of them while the coordinator is down)
 *
 * Request bodies are capped (413, answered before the connection closes, never a reset); a bad `%` escape
 * in a path is 400. With `tls` (key and cert PEM) the server is HTTPS; cluster-config.ts allows plain HTTP
 * only on a loopback address.
 */
import http from "node:http";
import https from "node:https";
import type { ClientApi, HttpAnswer } from "./client-api.js";

export const requestBytesMax = 64 * 1024;
/** Open HTTP connections at once; more are refused by the kernel's accept path (closed at once). */
export const httpConnectionsMax = 1_024;

export interface NodeHttpHandlers {
  status(): unknown;
  replica(): unknown;
  faulty(scope: "local" | "cluster"): Promise<unknown>;
  metrics(): string;
  confirmation(txn: string): HttpAnswer;
  readonly client: ClientApi | null;
}

export interface NodeHttp {
  readonly port: number;
  close(): Promise<void>;
}

export interface TlsPem {
  readonly key: string;
  readonly cert: string;
}

/** Counts HTTP bytes for /metrics (node-metrics.ts). */
export interface HttpByteCounters {
  received(bytes: number): void;
  sent(bytes: number): void;
}

export async function serveHttp(host: string, port: number, handlers: NodeHttpHandlers, tls: TlsPem | null = null,
  bytes: HttpByteCounters | null = null): Promise<NodeHttp> {
  const listener = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    route(request, handlers).then(
      (answer) => send(request, response, answer, bytes),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        send(request, response, { status: 500, body: { error: message } }, bytes);
      },
    );
  };
  const server = tls === null ? http.createServer(listener)
    : https.createServer({ key: tls.key, cert: tls.cert }, listener);
  if (bytes !== null) {
    server.on("request", (request: http.IncomingMessage) => {
      request.on("data", (chunk: Buffer) => bytes.received(chunk.length));
    });
  }
  server.keepAliveTimeout = 10_000;
  server.maxConnections = httpConnectionsMax;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function route(request: http.IncomingMessage, handlers: NodeHttpHandlers): Promise<HttpAnswer | string> {
  const url = new URL(request.url ?? "/", "http://node");
  const method = request.method ?? "GET";
  const path = url.pathname;
  if (method === "POST" && path === "/txn") {
    if (handlers.client === null) return { status: 404, body: { error: "only the coordinator accepts transactions" } };
    const body = await readJson(request);
    if (!body.ok) return { status: body.status, body: { error: body.error } };
    return handlers.client.submit(body.value, Number(url.searchParams.get("waitMs") ?? 30_000) || 0);
  }
  if (method !== "GET") return { status: 405, body: { error: `${method} not allowed` } };
  if (path === "/status") return { status: 200, body: handlers.status() };
  if (path === "/replica") return { status: 200, body: handlers.replica() };
  if (path === "/faulty") {
    const scope = url.searchParams.get("scope") === "local" ? "local" : "cluster";
    return { status: 200, body: await handlers.faulty(scope) };
  }
  if (path === "/metrics") return handlers.metrics();
  const txn = /^\/txn\/(.+)$/.exec(path);
  if (txn?.[1] !== undefined) {
    let id: string;
    try {
      id = decodeURIComponent(txn[1]);
    } catch {
      return { status: 400, body: { error: `bad % escape in ${path.slice(0, 200)}` } };
    }
    return handlers.client !== null ? handlers.client.lookup(id) : handlers.confirmation(id);
  }
  return { status: 404, body: { error: `no route ${path}` } };
}

/**
 * The body as JSON, or why not. Over the cap: 413, known from content-length before reading, or as soon as a
 * chunked body passes it; the rest is not buffered, and `send` closes the connection after answering.
 */
function readJson(
  request: http.IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: string }> {
  return new Promise((resolve) => {
    const tooBig = { ok: false as const, status: 413, error: `body over ${requestBytesMax} bytes` };
    if (Number(request.headers["content-length"] ?? 0) > requestBytesMax) {
      resolve(tooBig);
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > requestBytesMax) {
        chunks.length = 0;
        resolve(tooBig);
      } else chunks.push(chunk);
    });
    request.on("error", () => resolve({ ok: false, status: 400, error: "request failed" }));
    request.on("end", () => {
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      } catch {
        resolve({ ok: false, status: 400, error: "body is not JSON" });
      }
    });
  });
}

function send(request: http.IncomingMessage, response: http.ServerResponse, answer: HttpAnswer | string,
  bytes: HttpByteCounters | null): void {
  if (response.headersSent || response.destroyed) return;
  const text = typeof answer === "string" ? answer : JSON.stringify(answer.body);
  bytes?.sent(Buffer.byteLength(text));
  if (typeof answer === "string") {
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(text);
    return;
  }
  // A body we refused unread leaves no request boundary on the connection: answer, then close it.
  const close = answer.status === 413;
  response.writeHead(answer.status, {
    "content-type": "application/json", ...(answer.headers ?? {}), ...(close ? { connection: "close" } : {}),
  }).end(text);
  if (close) response.on("finish", () => request.socket.destroySoon());
}
