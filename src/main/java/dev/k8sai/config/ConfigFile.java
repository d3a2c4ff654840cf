package dev.k8sai.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The YAML file exactly as written (all fields nullable = not set). {@link ConfigLoader} validates it and turns it
 * into an {@link AgentConfig}. Unknown keys are rejected so typos are reported rather than ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigFile(String defaultProfile, Map<String, Profile> profiles, Defaults defaults, Tools tools,
        Map<String, McpServer> mcpServers) {

    public ConfigFile(String defaultProfile, Map<String, Profile> profiles, Defaults defaults, Tools tools) {
        this(defaultProfile, profiles, defaults, tools, null);
    }

    /**
     * One entry under mcpServers: an external MCP server whose tools the agent may use. Either
     * {@code command} (+ {@code args}, {@code env}: a stdio server started as a child process) or
     * {@code url} (streamable HTTP, {@code headers} sent with every request). {@code enabled} false
     * switches it off; {@code tools} is the allow-list of tool names (absent: all tools it lists).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record McpServer(String command, List<String> args, Map<String, String> env, String url,
            Map<String, String> headers, Boolean enabled, List<String> tools) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isEnabled() {
            return !Boolean.FALSE.equals(enabled);
        }
    }

    /** One entry under profiles:. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(String type, String baseUrl, String model, String apiKeyEnv, String apiKey,
            String azureDeployment, String azureApiVersion, Integer timeoutSeconds, Integer maxRetries,
            String toolCalling, Map<String, String> headers, Integer contextWindow, Integer maxOutputTokens,
            Boolean parallelRequests, Double inputPricePerMillion, Double outputPricePerMillion) {
    }

    /**
     * defaults: values used when the command line does not give them (all nullable).
     * output is text|json|yaml|sarif.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Defaults(String model, String language, Integer maxTokens, Integer maxIterations, String output,
            Boolean readOnly) {
        public static final Defaults NONE = new Defaults(null, null, null, null, null, null);
    }

    /** tools: optional agent tools; python (a local Python sandbox tool) is off unless enabled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tools(Boolean python) {
        public static final Tools NONE = new Tools(null);

        public boolean pythonEnabled() {
            return Boolean.TRUE.equals(python);
        }
    }
}
