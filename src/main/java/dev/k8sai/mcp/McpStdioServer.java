package dev.k8sai.mcp;

import dev.k8sai.app.ToolCalls;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code k8s-ai-agent mcp}: the project's tools served to one MCP client over stdin/stdout until the
 * client closes stdin. Only protocol messages are written to {@code out}.
 */
public final class McpStdioServer {

    private McpStdioServer() {
    }

    /** The one client's calls share {@code calls} (its secret ledger); changes are put to its person by elicitation. */
    private static ToolContext context(ToolCalls calls, WritePolicy policy, McpSyncServerExchange exchange) {
        ElicitationApprover approver = ElicitationApprover.forClient(exchange);
        return new ToolContext(calls, policy.guard(approver), policy.refusalReason(approver == null ? ElicitationApprover.CANNOT_ASK : null),
                TokenBudget.NONE);
    }

    /** Serves until {@code in} ends; returns then. */
    public static void serve(List<ServedTool> tools, ToolCalls calls, WritePolicy policy, String version, InputStream in,
                             OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJson.mapper(), watched, out))
                .serverInfo(McpTools.SERVER_NAME, version)
                .jsonMapper(McpJson.mapper())
                .jsonSchemaValidator(McpJson.validator())
                .capabilities(McpTools.capabilities())
                .instructions(McpTools.INSTRUCTIONS)
                .requestTimeout(McpTools.REQUEST_TIMEOUT)
                .tools(tools.stream().map(t -> t.onSession(exchange -> context(calls, policy, exchange))).toList())
                .build();
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }
}
