// A 2026-07-28-only MCP server on the TypeScript SDK v2 over stdio (serveStdio with legacy:
// 'reject'): an initialize opening is refused, a server/discover probe or any enveloped request
// is served. The tools are in modern-tools.mjs.
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { build } from "./modern-tools.mjs";

serveStdio(() => build(() => {}), { legacy: "reject" });
