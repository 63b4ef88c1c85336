// Connects with the TypeScript SDK v1 client, makes the given tool calls in order and prints one
// JSON summary: the initialize result's instructions, the listed tool names and each call's result.
// Usage: node ts-sdk-v1-calls.mjs URL '[{"name": "...", "arguments": {...}}, ...]'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, callsJson] = process.argv.slice(2);
const client = new Client({ name: "gatehouse-calls", version: "1.0.0" }, { capabilities: {} });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));

const summary = {
  server: client.getServerVersion(),
  instructions: client.getInstructions(),
  tools: (await client.listTools()).tools.map((t) => t.name),
  results: [],
};
for (const call of JSON.parse(callsJson ?? "[]")) {
  summary.results.push(await client.callTool({ name: call.name, arguments: call.arguments ?? {} }));
}
await client.close();
console.log(JSON.stringify(summary));
