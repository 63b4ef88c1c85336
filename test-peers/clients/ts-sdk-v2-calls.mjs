// A 2026-07-28 client (TypeScript SDK v2, version pinned) that lists tools and calls some, answering
// elicitation, sampling and roots questions (see answers.mjs). Prints one JSON summary line.
// Usage: node ts-sdk-v2-calls.mjs URL CALLS_JSON
//        node ts-sdk-v2-calls.mjs --stdio COMMAND_JSON CALLS_JSON   (COMMAND_JSON: ["java", ...])
// CALLS_JSON is [{"name": ..., "arguments": {...}}, ...]. Before calling, the tools list is read
// again (for up to a minute) until it names every tool to call: a gateway started over stdio
// connects its upstreams in the background.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { asked, callAll, elicitationAnswer, rootsAnswer, samplingAnswer } from "./answers.mjs";

const args = process.argv.slice(2);
const stdio = args[0] === "--stdio";
const calls = JSON.parse(stdio ? args[2] : args[1]);
const client = new Client(
  { name: "gatehouse-v2-test", version: "1.0.0" },
  {
    capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} },
    versionNegotiation: { mode: { pin: "2026-07-28" } },
  },
);
client.setRequestHandler("elicitation/create", async (request) => elicitationAnswer(request.params));
client.setRequestHandler("sampling/createMessage", async (request) => samplingAnswer(request.params));
client.setRequestHandler("roots/list", async () => rootsAnswer());

let transport;
if (stdio) {
  const [command, ...rest] = JSON.parse(args[1]);
  transport = new StdioClientTransport({ command, args: rest, stderr: "ignore" });
} else {
  transport = new StreamableHTTPClientTransport(new URL(args[0]));
}
await client.connect(transport);
const summary = { protocolVersion: client.getNegotiatedProtocolVersion?.() ?? null };
summary.server = client.getServerVersion?.() ?? null;
const wanted = calls.map((c) => c.name);
const deadline = Date.now() + 60_000;
summary.tools = [];
while (true) {
  summary.tools = (await client.listTools({}, { cacheMode: "bypass" })).tools.map((t) => t.name);
  if (wanted.every((name) => summary.tools.includes(name)) || Date.now() > deadline) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
summary.calls = await callAll(client, calls);
summary.asked = asked;
await client.close();
console.log(JSON.stringify(summary));
