// The tools, resource and prompt of the 2026-07-28-only test servers (modern-only.mjs over HTTP,
// modern-stdio.mjs over stdio), on the TypeScript SDK v2.
//
// Tools: echo, add, greet-me (elicitation via input_required), ask-model (sampling via
// input_required), progress-steps (progress + log lines), touch-resource (announces changes
// through `announce`). Resources: modern://greeting. Prompts: modern-prompt.
import { McpServer, inputRequired, acceptedContent } from "@modelcontextprotocol/server";
import * as z from "zod";

export function build(announce) {
  const server = new McpServer(
    { name: "modern-only", version: "1.0.0" },
    { capabilities: { logging: {} } },
  );
  server.registerTool(
    "echo",
    { description: "Echoes the message", inputSchema: z.object({ message: z.string() }) },
    async ({ message }) => ({ content: [{ type: "text", text: `Echo: ${message}` }] }),
  );
  server.registerTool(
    "add",
    { description: "Adds two numbers", inputSchema: z.object({ a: z.number(), b: z.number() }) },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  server.registerTool(
    "greet-me",
    { description: "Asks the user's name (elicitation), then greets", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, "name");
      if (!answer) {
        return inputRequired({
          inputRequests: {
            name: inputRequired.elicit({
              message: "What is your name?",
              requestedSchema: {
                type: "object",
                properties: { name: { type: "string" } },
                required: ["name"],
              },
            }),
          },
          requestState: "greet-me:1",
        });
      }
      return { content: [{ type: "text", text: `Hello, ${answer.name}!` }] };
    },
  );
  server.registerTool(
    "ask-model",
    { description: "Asks the client's model a question (sampling)", inputSchema: z.object({ question: z.string() }) },
    async ({ question }, ctx) => {
      const reply = ctx.mcpReq.inputResponses?.answer;
      if (!reply) {
        return inputRequired({
          inputRequests: {
            answer: inputRequired.createMessage({
              messages: [{ role: "user", content: { type: "text", text: question } }],
              maxTokens: 50,
            }),
          },
        });
      }
      return { content: [{ type: "text", text: `Model says: ${reply.content?.text ?? "?"}` }] };
    },
  );
  server.registerTool(
    "progress-steps",
    { description: "Reports progress and logs", inputSchema: z.object({ steps: z.number() }) },
    async ({ steps }, ctx) => {
      for (let i = 1; i <= steps; i++) {
        await ctx.mcpReq.log("info", `step ${i}`);
        const token = ctx.mcpReq._meta?.progressToken;
        if (token !== undefined) {
          await ctx.mcpReq.notify({
            method: "notifications/progress",
            params: { progressToken: token, progress: i, total: steps },
          });
        }
      }
      return { content: [{ type: "text", text: `done ${steps}` }] };
    },
  );
  server.registerTool(
    "touch-resource",
    { description: "Announces that modern://greeting changed", inputSchema: z.object({}) },
    async () => {
      announce();
      return { content: [{ type: "text", text: "touched" }] };
    },
  );
  server.registerResource(
    "greeting",
    "modern://greeting",
    { mimeType: "text/plain", description: "A greeting" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "Hello from a modern server" }] }),
  );
  server.registerPrompt(
    "modern-prompt",
    { description: "A prompt", argsSchema: { topic: z.string() } },
    async ({ topic }) => ({
      messages: [{ role: "user", content: { type: "text", text: `Tell me about ${topic}` } }],
    }),
  );
  return server;
}

