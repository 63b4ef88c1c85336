// What the test clients answer when a server (or the gateway on its behalf) asks them: an
// elicitation is accepted with a name and a few common fields, a sampling request gets a fixed
// reply, roots/list names one directory. Every question is recorded.
export const asked = [];

export function elicitationAnswer(params) {
  asked.push({ method: "elicitation/create", params });
  return {
    action: "accept",
    content: {
      name: "Ada",
      color: "red",
      number: 3,
      pets: ["cat"],
      email: "ada@example.com",
      ok: true,
      birthdate: "2000-01-01",
    },
  };
}

export function samplingAnswer(params) {
  asked.push({ method: "sampling/createMessage", params });
  return {
    role: "assistant",
    content: { type: "text", text: "forty-two" },
    model: "test-model",
    stopReason: "endTurn",
  };
}

export function rootsAnswer() {
  asked.push({ method: "roots/list" });
  return { roots: [{ uri: "file:///tmp/project", name: "project" }] };
}

/** Calls each tool of `calls` ([{name, arguments}]), recording results or error messages. */
export async function callAll(client, calls) {
  const results = {};
  for (const call of calls) {
    try {
      results[call.name] = await client.callTool({ name: call.name, arguments: call.arguments ?? {} });
    } catch (e) {
      results[call.name] = { error: String(e?.message ?? e) };
    }
  }
  return results;
}
