// Connects as one agent with the TypeScript SDK v1 client and prints one JSON summary: the tool,
// prompt and resource names it lists and each call's result or error. A refused connection (a 401
// without a key) prints {"refused": {code, message}}.
// Usage: node ts-sdk-v1-agent.mjs URL TOKEN|- '[{"name": "...", "arguments": {...}}, ...]'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, callsJson] = process.argv.slice(2);
const headers = token && token !== "-" ? { Authorization: `Bearer ${token}` } : {};
const client = new Client({ name: "gatehouse-agent", version: "1.0.0" }, { capabilities: {} });
try {
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
} catch (e) {
  console.log(JSON.stringify({ refused: { code: e.code ?? null, message: String(e.message) } }));
  process.exit(0);
}

const names = (items) => items.map((i) => i.name ?? i.uri);
const summary = {
  tools: names((await client.listTools()).tools),
  prompts: names((await client.listPrompts()).prompts),
  resources: names((await client.listResources()).resources),
  results: [],
};
for (const call of JSON.parse(callsJson ?? "[]")) {
  try {
    summary.results.push(
      await client.callTool({ name: call.name, arguments: call.arguments ?? {} })
    );
  } catch (e) {
    summary.results.push({ error: { code: e.code ?? null, message: String(e.message) } });
  }
}
await client.close();
console.log(JSON.stringify(summary));
