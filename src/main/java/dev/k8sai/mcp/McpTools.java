package dev.k8sai.mcp;

import dev.k8sai.app.LlmSettings;
import dev.k8sai.app.ToolCalls;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tools this project serves over MCP, the same for stdio and HTTP, and what the server says about them. */
public final class McpTools {

    public static final String SERVER_NAME = "k8s-ai-agent";

    /** A person may take a while to answer; calls that read the cluster are bounded by their own timeouts. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    public static final String INSTRUCTIONS = """
            Kubernetes tools of k8s-ai-agent. analyze and audit are rule-based (no LLM) and return findings JSON; \
            explain_findings and diagnose use the server's configured LLM. get_resources, get_events, pod_logs and kubectl \
            read the cluster; their outputs are compacted and secrets redacted. Changes through kubectl are refused unless \
            the server allows writes, and then each one is confirmed by a person.""";

    private McpTools() {
    }

    /** The tools, in the order a client lists them. */
    public static List<ServedTool> all(LlmSettings llm, Map<String, String> env) {
        List<ServedTool> tools = new ArrayList<>(new FindingsToolSpecs(llm, env).all());
        tools.addAll(ClusterToolSpecs.all(ToolCalls.definitions(env)));
        return tools;
    }

    /** The capabilities both transports announce: tools only, a fixed list. */
    public static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).build();
    }
}
