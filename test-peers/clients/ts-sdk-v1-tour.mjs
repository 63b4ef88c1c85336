// Walks a gateway's surface with the TypeScript SDK v1 client and prints one JSON summary.
// Usage: node ts-sdk-v1-tour.mjs URL TOOL[,TOOL...]
// Lists tools, prompts and resources, calls each named tool (echo-like tools get a message,
// get-sum tools get a and b), gets every prompt without required arguments and reads every
// listed resource.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, toolList] = process.argv.slice(2);
const client = new Client({ name: "gatehouse-tour", version: "1.0.0" }, { capabilities: {} });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));

const summary = { server: client.getServerVersion(), calls: {}, prompts: {}, reads: {} };
summary.tools = (await client.listTools()).tools.map((t) => t.name);
for (const name of (toolList ?? "").split(",").filter(Boolean)) {
  const args = name.endsWith("get-sum") ? { a: 2, b: 3 } : { message: `hello ${name}` };
  summary.calls[name] = await client.callTool({ name, arguments: args });
}
const prompts = (await client.listPrompts()).prompts;
summary.promptNames = prompts.map((p) => p.name);
for (const prompt of prompts.filter((p) => !(p.arguments ?? []).some((a) => a.required))) {
  summary.prompts[prompt.name] = await client.getPrompt({ name: prompt.name, arguments: {} });
}
const resources = (await client.listResources()).resources;
summary.resourceUris = resources.map((r) => r.uri);
for (const resource of resources) {
  const read = await client.readResource({ uri: resource.uri });
  summary.reads[resource.uri] = read.contents.map((c) => c.uri);
}
await client.close();
console.log(JSON.stringify(summary));
