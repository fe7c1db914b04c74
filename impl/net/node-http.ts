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
 * Request bodies are capped; the server listens on the node's own host (127.0.0.1 in every test cluster).
 */
import http from "node:http";
import type { ClientApi, HttpAnswer } from "./client-api.js";

export const requestBytesMax = 64 * 1024;

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

export async function serveHttp(host: string, port: number, handlers: NodeHttpHandlers): Promise<NodeHttp> {
  const server = http.createServer((request, response) => {
    route(request, handlers).then(
      (answer) => send(response, answer),
      (error: unknown) => send(response, { status: 500, body: { error: error instanceof Error ? error.message : String(error) } }),
    );
  });
  server.keepAliveTimeout = 10_000;
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
  if (path === "/faulty") return { status: 200, body: await handlers.faulty(url.searchParams.get("scope") === "local" ? "local" : "cluster") };
  if (path === "/metrics") return handlers.metrics();
  const txn = /^\/txn\/(.+)$/.exec(path);
  if (txn?.[1] !== undefined) {
    const id = decodeURIComponent(txn[1]);
    return handlers.client !== null ? handlers.client.lookup(id) : handlers.confirmation(id);
  }
  return { status: 404, body: { error: `no route ${path}` } };
}

function readJson(request: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > requestBytesMax) {
        resolve({ ok: false, status: 413, error: `body over ${requestBytesMax} bytes` });
        request.destroy();
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

function send(response: http.ServerResponse, answer: HttpAnswer | string): void {
  if (response.headersSent || response.destroyed) return;
  if (typeof answer === "string") {
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(answer);
    return;
  }
  response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
}
