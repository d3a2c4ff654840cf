package dev.k8sai.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.k8sai.AgentException;
import java.util.Locale;
import java.util.Map;

/** Renders the effective configuration as YAML for 'config view', with every secret masked. */
public final class ConfigView {

    private ConfigView() {
    }

    /**
     * 'config view -o json': the same masked tree as the YAML, with the file it came from
     * ({@code configFile}, {@code configFileExists}) as fields instead of a comment.
     */
    public static String renderJson(AgentConfig config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("configFile", String.valueOf(config.path()));
        root.put("configFileExists", config.fileExists());
        root.setAll(tree(config));
        return root.toPrettyString();
    }

    public static String render(AgentConfig config) {
        ObjectNode root = tree(config);
        StringBuilder sb = new StringBuilder();
        sb.append("# config file: ").append(config.path()).append(config.fileExists() ? "" : " (not found)").append('\n');
        if (config.profiles().isEmpty()) {
            sb.append("# no LLM provider configured: set OPENAI_API_KEY (or AZURE_OPENAI_API_KEY + AZURE_OPENAI_ENDPOINT, or OLLAMA_HOST),\n")
                    .append("# or: k8s-ai-agent config set profiles.NAME.type openai-compatible (then .baseUrl, .model, .apiKeyEnv)\n");
        }
        try {
            sb.append(ConfigLoader.Yaml.MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    /** The effective configuration with every secret masked. */
    private static ObjectNode tree(AgentConfig config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String def = config.effectiveDefaultProfile();
        if (def != null) {
            root.put("defaultProfile", def);
        } else {
            root.putNull("defaultProfile");
        }
        ObjectNode profiles = root.putObject("profiles");
        for (ProviderProfile p : config.profiles().values()) {
            ObjectNode n = profiles.putObject(p.name());
            n.put("source", config.implicitProfiles().contains(p.name()) ? "environment" : "file");
            if (p.name().equals(def)) {
                n.put("default", true);
            }
            n.put("type", p.type().id());
            putIfSet(n, "baseUrl", p.baseUrl());
            putIfSet(n, "model", p.model());
            putIfSet(n, "apiKeyEnv", p.apiKeyEnv());
            if (p.apiKey() != null) {
                n.put("apiKey", AgentConfig.mask(p.apiKey()));
            } else if (p.apiKeyEnv() != null) {
                n.put("apiKey", "(not set)");
            }
            putIfSet(n, "azureDeployment", p.azureDeployment());
            putIfSet(n, "azureApiVersion", p.azureApiVersion());
            n.put("timeoutSeconds", p.timeout() == null ? AgentConfig.DEFAULT_TIMEOUT.toSeconds() : p.timeout().toSeconds());
            n.put("maxRetries", p.maxRetries());
            n.put("toolCalling", (p.toolCalling() == null ? ToolCallingMode.NATIVE : p.toolCalling()).name().toLowerCase(Locale.ROOT));
            if (!p.headers().isEmpty()) {
                ObjectNode h = n.putObject("headers");
                for (Map.Entry<String, String> e : p.headers().entrySet()) {
                    h.put(e.getKey(), looksSecret(e.getKey()) ? AgentConfig.mask(e.getValue()) : e.getValue());
                }
            }
            try {
                ProviderProfile resolved = config.resolveProfile(p.name(), null);
                if (p.model() == null) {
                    n.put("effectiveModel", resolved.model());
                }
            } catch (AgentException problem) {
                n.put("problem", problem.getMessage());
            }
        }
        root.set("defaults", ConfigLoader.Yaml.MAPPER.valueToTree(config.defaults()));
        root.set("tools", ConfigLoader.Yaml.MAPPER.valueToTree(new ConfigFile.Tools(config.tools().pythonEnabled())));
        if (!config.mcpServers().isEmpty()) {
            ObjectNode servers = root.putObject("mcpServers");
            config.mcpServers().forEach((name, server) -> {
                ObjectNode n = ConfigLoader.Yaml.MAPPER.valueToTree(server);
                servers.set(name, n);
                // environment values and credential headers of a server are as secret as an API key
                if (n.get("env") instanceof ObjectNode env) {
                    env.properties().forEach(e -> e.setValue(env.textNode(AgentConfig.mask(e.getValue().asText()))));
                }
                if (n.get("headers") instanceof ObjectNode h) {
                    h.properties().forEach(e -> {
                        if (looksSecret(e.getKey())) {
                            e.setValue(h.textNode(AgentConfig.mask(e.getValue().asText())));
                        }
                    });
                }
            });
        }
        return root;
    }

    private static void putIfSet(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static boolean looksSecret(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.contains("auth") || h.contains("key") || h.contains("token") || h.contains("secret") || h.contains("cookie");
    }
}
