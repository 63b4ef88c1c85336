// A 2025-11-25 client (TypeScript SDK v1) that lists tools and calls some, answering elicitation,
// sampling and roots requests (see answers.mjs). Prints one JSON summary line.
// Usage: node ts-sdk-v1-answering.mjs URL CALLS_JSON   (CALLS_JSON: [{"name": ..., "arguments": {...}}])
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { asked, callAll, elicitationAnswer, rootsAnswer, samplingAnswer } from "./answers.mjs";

const [url, callsJson] = process.argv.slice(2);
const client = new Client(
  { name: "gatehouse-v1-test", version: "1.0.0" },
  { capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} } },
);
client.setRequestHandler(ElicitRequestSchema, async (request) => elicitationAnswer(request.params));
client.setRequestHandler(CreateMessageRequestSchema, async (request) => samplingAnswer(request.params));
client.setRequestHandler(ListRootsRequestSchema, async () => rootsAnswer());
const transport = new StreamableHTTPClientTransport(new URL(url));
await client.connect(transport);
const summary = { protocolVersion: transport.protocolVersion ?? null };
summary.server = client.getServerVersion();
summary.tools = (await client.listTools()).tools.map((t) => t.name);
summary.calls = await callAll(client, JSON.parse(callsJson));
summary.asked = asked;
await client.close();
console.log(JSON.stringify(summary));
