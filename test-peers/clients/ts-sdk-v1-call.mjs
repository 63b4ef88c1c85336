// Calls one tool through a gateway with the TypeScript SDK v1 client, asking for progress, and
// prints one JSON line: {"result": ...} or {"error": {code, message, data}}, plus "progress": the
// progress notifications received while waiting.
// Usage: node ts-sdk-v1-call.mjs URL TOOL JSON_ARGUMENTS
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, name, json] = process.argv.slice(2);
const client = new Client({ name: "gatehouse-call", version: "1.0.0" }, { capabilities: {} });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));

const progress = [];
const summary = { progress };
try {
  summary.result = await client.callTool(
    { name, arguments: JSON.parse(json ?? "{}") },
    undefined,
    { onprogress: (p) => progress.push(p), timeout: 300000, resetTimeoutOnProgress: true }
  );
} catch (e) {
  summary.error = { code: e.code, message: e.message, data: e.data };
}
await client.close();
console.log(JSON.stringify(summary));
