"""An independent MCP client (the official Python SDK) for the tests, over streamable HTTP: connects to
the URL with a bearer token, lists the tools, makes the calls it is given (each in the same session) and
prints what it saw as one JSON object.

Input (argv[1], a JSON file): {"url": "...", "token": "...", "calls": [{"tool": "...", "arguments": {...}}]}.
Output: {"serverName": ..., "sessionId": ..., "tools": [...], "results": [{"tool", "isError", "text"}]}.
"""
import asyncio
import json
import sys

from drive_common import list_and_call
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client


async def main(spec):
    out = {"tools": [], "results": []}
    headers = {"Authorization": "Bearer " + spec["token"]}
    async with streamablehttp_client(spec["url"], headers=headers, timeout=60, sse_read_timeout=300) as (read, write, session_id):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            out["serverName"] = init.serverInfo.name
            out["sessionId"] = session_id()
            await list_and_call(session, spec, out)
    print(json.dumps(out))


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        asyncio.run(main(json.load(f)))
