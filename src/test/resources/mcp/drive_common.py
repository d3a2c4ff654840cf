"""What both MCP test clients (drive_server.py over stdio, drive_http.py over HTTP) do in a session:
list the tools into out["tools"] and make spec["calls"] in order into out["results"]."""
import mcp.types as types


async def list_and_call(session, spec, out, with_schema=False):
    listed = await session.list_tools()
    for tool in listed.tools:
        seen = {"name": tool.name,
                "annotations": tool.annotations.model_dump(exclude_none=True) if tool.annotations else None}
        if with_schema:
            seen["inputSchema"] = tool.inputSchema
        out["tools"].append(seen)
    for call in spec["calls"]:
        result = await session.call_tool(call["tool"], call.get("arguments", {}))
        text = "".join(c.text for c in result.content if isinstance(c, types.TextContent))
        out["results"].append({"tool": call["tool"], "isError": bool(result.isError), "text": text})
