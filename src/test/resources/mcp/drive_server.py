"""An independent MCP client (the official Python SDK) for the tests: starts the server command over
stdio, lists its tools, makes the calls it is given and prints what it saw as one JSON object.

Input (argv[1], a JSON file): {"command": [...], "env": {...}, "elicitation": null | ["decline" | "accept", ...]
(the answers to successive elicitations; null: the client does not support elicitation),
"calls": [{"tool": "...", "arguments": {...}}]}. Output: {"tools": [...], "results": [...],
"elicitations": [...], "protocolErrors": [...]} where protocolErrors lists anything on the server's
stdout that was not a protocol message.
"""
import asyncio
import json
import sys

import mcp.types as types
from drive_common import list_and_call
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main(spec):
    elicitations, protocol_errors = [], []

    async def elicit(context, params):
        answer = spec["elicitation"][len(elicitations)]
        elicitations.append(params.message)
        if answer == "accept":
            return types.ElicitResult(action="accept", content={"approve": True})
        return types.ElicitResult(action="decline")

    async def on_message(message):
        if isinstance(message, Exception):
            protocol_errors.append(str(message)[:300])

    server = StdioServerParameters(command=spec["command"][0], args=spec["command"][1:], env=spec.get("env"))
    out = {"tools": [], "results": [], "elicitations": elicitations, "protocolErrors": protocol_errors}
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write, message_handler=on_message,
                                 elicitation_callback=elicit if spec.get("elicitation") else None) as session:
            init = await session.initialize()
            out["serverName"] = init.serverInfo.name
            await list_and_call(session, spec, out, with_schema=True)
    print(json.dumps(out))


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        asyncio.run(main(json.load(f)))
