package dev.k8sai.mcp;

import dev.k8sai.app.LlmSettings;
import dev.k8sai.app.ToolCalls;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code k8s-ai-agent mcp}: the project's tools served to one MCP client over stdin/stdout until the
 * client closes stdin. Only protocol messages are written to {@code out}.
 */
public final class McpStdioServer {

    /** A person may take a while to answer an elicitation; calls that read the cluster are bounded by their own timeouts. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    static final String INSTRUCTIONS = """
            Kubernetes tools of k8s-ai-agent. analyze and audit are rule-based (no LLM) and return findings JSON; \
            explain_findings and diagnose use the server's configured LLM. get_resources, get_events, pod_logs and kubectl \
            read the cluster; their outputs are compacted and secrets redacted. Changes through kubectl are refused unless \
            the server allows writes, and then each one is confirmed by a person through elicitation.""";

    private McpStdioServer() {
    }

    /** The tools of this server, in the order a client lists them. */
    public static List<McpServerFeatures.SyncToolSpecification> tools(ToolCalls calls, LlmSettings llm, Map<String, String> env,
                                                                      WritePolicy policy) {
        List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>(new FindingsToolSpecs(calls.target(), llm, env).all());
        tools.addAll(ClusterToolSpecs.all(calls, policy));
        return tools;
    }

    /** Serves until {@code in} ends; returns then. */
    public static void serve(List<McpServerFeatures.SyncToolSpecification> tools, String version, InputStream in, OutputStream out)
            throws InterruptedException {
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
                .serverInfo("k8s-ai-agent", version)
                .jsonMapper(McpJson.mapper())
                .jsonSchemaValidator(McpJson.validator())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .instructions(INSTRUCTIONS)
                .requestTimeout(REQUEST_TIMEOUT)
                .tools(tools)
                .build();
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }
}
