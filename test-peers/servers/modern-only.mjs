// A 2026-07-28-only MCP server on the TypeScript SDK v2 (createMcpHandler with legacy: 'reject'),
// served over node:http on 127.0.0.1. Legacy (initialize) traffic is refused.
// Usage: node modern-only.mjs [PORT]   (prints "listening PORT" once ready; 0 or none picks one)
// Set MODERN_TRACE=1 to log every exchange to stderr. The tools are in modern-tools.mjs.
import http from "node:http";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { build } from "./modern-tools.mjs";

const port = Number(process.argv[2] ?? 0);
const trace = process.env.MODERN_TRACE === "1";
const handler = createMcpHandler(
  () =>
    build(() => {
      handler.notify.resourceUpdated("modern://greeting");
      handler.notify.resourcesChanged();
    }),
  { legacy: "reject" },
);

function toWebRequest(req, res, body) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const controller = new AbortController();
  // The client going away before the answer is complete is the revision's cancellation.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers,
    body: body.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? body : undefined,
    signal: controller.signal,
  });
}

const httpServer = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  if (trace) console.error(`>> ${req.method} ${JSON.stringify(req.headers)} ${body.toString()}`);
  try {
    const response = await handler.fetch(toWebRequest(req, res, body));
    const headers = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    res.writeHead(response.status, headers);
    if (response.body) {
      for await (const chunk of response.body) {
        if (trace) console.error(`<< ${response.status} ${Buffer.from(chunk).toString()}`);
        res.write(chunk);
      }
    }
    res.end();
  } catch (e) {
    if (trace) console.error(`!! ${e}`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
});
httpServer.listen(port, "127.0.0.1", () => {
  console.log(`listening ${httpServer.address().port}`);
});
process.on("SIGTERM", () => process.exit(0));
