package dev.k8sai.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration and the provider environment variables into an {@link AgentConfig}.
 * <p>
 * File: {@code --config}, else {@code $K8S_AI_AGENT_CONFIG}, else {@code $XDG_CONFIG_HOME/k8s-ai-agent/config.yaml}
 * (XDG_CONFIG_HOME defaults to ~/.config). A missing file is fine.
 * <p>
 * Implicit profiles (added after the file's, skipped when the file has a profile of the same name):
 * <ul>
 * <li>{@code openai} when OPENAI_API_KEY or OPENAI_BASE_URL / OPENAI_API_BASE is set;</li>
 * <li>{@code azure} when AZURE_OPENAI_ENDPOINT or AZURE_OPENAI_API_KEY is set (deployment from
 *     AZURE_OPENAI_DEPLOYMENT, api version from OPENAI_API_VERSION);</li>
 * <li>{@code ollama} when OLLAMA_HOST is set (host[:port] or URL; 0.0.0.0 means this machine).</li>
 * </ul>
 * A file profile without a type is openai-compatible if it has a baseUrl, else openai. A file profile of type
 * openai/azure-openai without apiKeyEnv reads OPENAI_API_KEY/AZURE_OPENAI_API_KEY.
 */
public final class ConfigLoader {

    public static final String CONFIG_ENV = "K8S_AI_AGENT_CONFIG";

    /**
     * The YAML mapper, built on first use: every command loads the config, but without a config file
     * nothing is parsed, and building it (Jackson's and SnakeYAML's set-up) cost a cold start ~20 ms.
     */
    static final class Yaml {
        static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();

        private Yaml() {
        }
    }

    private ConfigLoader() {
    }

    /** The config file path: override, else $K8S_AI_AGENT_CONFIG, else $XDG_CONFIG_HOME (or $HOME/.config)/k8s-ai-agent/config.yaml. */
    public static Path configPath(Path overrideOrNull, Map<String, String> env) {
        if (overrideOrNull != null) {
            return overrideOrNull;
        }
        String explicit = env.get(CONFIG_ENV);
        if (!AgentConfig.isBlank(explicit)) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = !AgentConfig.isBlank(xdg) ? Path.of(xdg)
                : Path.of(AgentConfig.firstNonBlank(env.get("HOME"), System.getProperty("user.home")), ".config");
        return base.resolve("k8s-ai-agent").resolve("config.yaml");
    }

    /** Loads the file (if any) and the environment's implicit profiles. @throws AgentException USAGE for unreadable or invalid files */
    public static AgentConfig load(Path overrideOrNull, Map<String, String> env) {
        Path path = configPath(overrideOrNull, env);
        String text;
        boolean exists;
        try {
            text = Files.readString(path);
            exists = true;
        } catch (NoSuchFileException e) {
            text = "";
            exists = false;
        } catch (IOException e) {
            throw new AgentException(ErrorCategory.CONFIG, "cannot read config file " + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null, e);
        }
        ConfigFile file = parse(text, path);
        return build(path, exists, file, env);
    }

    /** Parses and validates file text; used by load and by 'config set' before writing. */
    public static ConfigFile parse(String text, Path pathForMessages) {
        ConfigFile file;
        if (text.isBlank()) {
            file = new ConfigFile(null, null, null, null);
        } else {
            try {
                file = Yaml.MAPPER.readValue(text, ConfigFile.class);
            } catch (JsonProcessingException e) {
                throw invalid(pathForMessages, text, e);
            }
            if (file == null) {
                file = new ConfigFile(null, null, null, null);
            }
        }
        validate(file, pathForMessages);
        return file;
    }

    private static AgentException invalid(Path path, String text, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int lineNr = loc == null ? -1 : loc.getLineNr();
        if (e instanceof UnrecognizedPropertyException u && lineNr > 0) {
            lineNr = lineOfKey(text, u.getPropertyName(), lineNr);
        }
        String line = lineNr > 0 ? ", line " + lineNr : "";
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown key '" + dotted(u) + "'";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            what = "bad value for '" + dotted(m) + "': " + firstLine(e.getOriginalMessage());
        } else {
            what = firstLine(e.getOriginalMessage());
        }
        return new AgentException(ErrorCategory.CONFIG, "invalid config file " + path + line + ": " + what, e.getMessage(), e);
    }

    /**
     * The YAML parser reports an unknown key at the position it had read ahead to (often the next line);
     * the key itself is on the nearest line at or above that which starts with it.
     */
    private static int lineOfKey(String text, String key, int reported) {
        String[] lines = text.split("\n", -1);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "^\\s*(?:-\\s+)?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:.*");
        for (int i = Math.min(reported, lines.length) - 1; i >= 0; i--) {
            if (p.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return reported;
    }

    private static String dotted(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static void validate(ConfigFile file, Path path) {
        validateMcpServers(file, path);
        if (file.profiles() == null) {
            return;
        }
        for (Map.Entry<String, ConfigFile.Profile> e : file.profiles().entrySet()) {
            String key = "profiles." + e.getKey();
            ConfigFile.Profile p = e.getValue();
            if (p == null) {
                continue;
            }
            if (p.type() != null && ProviderType.parse(p.type()) == null) {
                throw bad(path, key + ".type", "'" + p.type() + "' is not one of openai, azure-openai, ollama, openai-compatible");
            }
            if (p.toolCalling() != null && ToolCallingMode.parse(p.toolCalling()) == null) {
                throw bad(path, key + ".toolCalling", "'" + p.toolCalling() + "' is not native or react");
            }
            if (p.timeoutSeconds() != null && p.timeoutSeconds() <= 0) {
                throw bad(path, key + ".timeoutSeconds", "must be positive");
            }
            if (p.maxRetries() != null && p.maxRetries() < 0) {
                throw bad(path, key + ".maxRetries", "must be 0 or more");
            }
            if (p.inputPricePerMillion() != null && !(p.inputPricePerMillion() >= 0)) {
                throw bad(path, key + ".inputPricePerMillion", "must be 0 or more");
            }
            if (p.outputPricePerMillion() != null && !(p.outputPricePerMillion() >= 0)) {
                throw bad(path, key + ".outputPricePerMillion", "must be 0 or more");
            }
            if (p.contextWindow() != null && p.contextWindow() < 256) {
                throw bad(path, key + ".contextWindow", "must be at least 256 (tokens)");
            }
            if (p.maxOutputTokens() != null && p.maxOutputTokens() <= 0) {
                throw bad(path, key + ".maxOutputTokens", "must be positive");
            }
            if (p.contextWindow() != null && p.maxOutputTokens() != null && p.maxOutputTokens() >= p.contextWindow()) {
                throw bad(path, key + ".maxOutputTokens", "must be smaller than contextWindow");
            }
        }
        ConfigFile.Defaults d = file.defaults();
        if (d != null && d.output() != null && !Set.of("text", "json", "yaml", "sarif").contains(d.output())) {
            throw bad(path, "defaults.output", "'" + d.output() + "' is not one of text, json, yaml, sarif");
        }
        if (d != null && d.maxTokens() != null && d.maxTokens() <= 0) {
            throw bad(path, "defaults.maxTokens", "must be positive");
        }
        if (d != null && d.maxIterations() != null && d.maxIterations() <= 0) {
            throw bad(path, "defaults.maxIterations", "must be positive");
        }
    }

    /** Each MCP server is either a command (stdio) or an http(s) URL, never both. */
    private static void validateMcpServers(ConfigFile file, Path path) {
        if (file.mcpServers() == null) {
            return;
        }
        for (Map.Entry<String, ConfigFile.McpServer> e : file.mcpServers().entrySet()) {
            String key = "mcpServers." + e.getKey();
            ConfigFile.McpServer s = e.getValue();
            if (!e.getKey().matches("[A-Za-z0-9_-]{1,32}")) {
                throw bad(path, key, "a server name is 1-32 letters, digits, '_' or '-' (it prefixes its tools' names)");
            }
            if (s == null || (s.command() == null) == (s.url() == null)) {
                throw bad(path, key, "give either command (a stdio server) or url (streamable HTTP), not both");
            }
            if (s.url() != null && !s.url().matches("(?i)https?://.+")) {
                throw bad(path, key + ".url", "'" + s.url() + "' is not an http(s) URL");
            }
        }
    }

    private static AgentException bad(Path path, String key, String why) {
        return new AgentException(ErrorCategory.CONFIG, "invalid config file " + path + ": " + key + ": " + why);
    }

    private static AgentConfig build(Path path, boolean exists, ConfigFile file, Map<String, String> env) {
        Map<String, ProviderProfile> profiles = new LinkedHashMap<>();
        if (file.profiles() != null) {
            file.profiles().forEach((name, p) -> profiles.put(name, fromFile(name, p == null ? emptyProfile() : p, env)));
        }
        Set<String> implicit = new LinkedHashSet<>();
        implicitProfiles(env).forEach((name, p) -> {
            if (!profiles.containsKey(name)) {
                profiles.put(name, p);
                implicit.add(name);
            }
        });
        return new AgentConfig(path, exists, AgentConfig.firstNonBlank(file.defaultProfile()), profiles, implicit,
                file.defaults(), file.tools(), file.mcpServers());
    }

    private static ConfigFile.Profile emptyProfile() {
        return new ConfigFile.Profile(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ProviderProfile fromFile(String name, ConfigFile.Profile p, Map<String, String> env) {
        ProviderType type = p.type() != null ? ProviderType.parse(p.type())
                : AgentConfig.isBlank(p.baseUrl()) ? ProviderType.OPENAI : ProviderType.OPENAI_COMPATIBLE;
        String keyEnv = AgentConfig.firstNonBlank(p.apiKeyEnv(), switch (type) {
            case OPENAI -> "OPENAI_API_KEY";
            case AZURE_OPENAI -> "AZURE_OPENAI_API_KEY";
            default -> null;
        });
        String apiKey = AgentConfig.firstNonBlank(p.apiKey(), keyEnv == null ? null : env.get(keyEnv));
        return new ProviderProfile(name, type, AgentConfig.firstNonBlank(p.baseUrl()), AgentConfig.firstNonBlank(p.model()),
                keyEnv, apiKey, AgentConfig.firstNonBlank(p.azureDeployment()), AgentConfig.firstNonBlank(p.azureApiVersion()),
                p.timeoutSeconds() == null ? AgentConfig.DEFAULT_TIMEOUT : Duration.ofSeconds(p.timeoutSeconds()),
                p.maxRetries() == null ? AgentConfig.DEFAULT_MAX_RETRIES : p.maxRetries(),
                p.toolCalling() == null ? ToolCallingMode.NATIVE : ToolCallingMode.parse(p.toolCalling()), p.headers(),
                new ServerLimits(p.contextWindow(), p.maxOutputTokens(), p.parallelRequests()),
                new TokenPrice(p.inputPricePerMillion(), p.outputPricePerMillion()));
    }

    /** Profiles implied by well-known environment variables, in resolution order openai, azure, ollama. */
    static Map<String, ProviderProfile> implicitProfiles(Map<String, String> env) {
        Map<String, ProviderProfile> out = new LinkedHashMap<>();
        String openaiKey = AgentConfig.firstNonBlank(env.get("OPENAI_API_KEY"));
        String openaiBase = AgentConfig.firstNonBlank(env.get("OPENAI_BASE_URL"), env.get("OPENAI_API_BASE"));
        if (openaiKey != null || openaiBase != null) {
            out.put("openai", new ProviderProfile("openai", ProviderType.OPENAI,
                    openaiBase == null ? AgentConfig.DEFAULT_OPENAI_BASE_URL : openaiBase, null, "OPENAI_API_KEY", openaiKey,
                    null, null, AgentConfig.DEFAULT_TIMEOUT, AgentConfig.DEFAULT_MAX_RETRIES, ToolCallingMode.NATIVE, Map.of()));
        }
        String azureKey = AgentConfig.firstNonBlank(env.get("AZURE_OPENAI_API_KEY"));
        String azureEndpoint = AgentConfig.firstNonBlank(env.get("AZURE_OPENAI_ENDPOINT"));
        if (azureKey != null || azureEndpoint != null) {
            out.put("azure", new ProviderProfile("azure", ProviderType.AZURE_OPENAI, azureEndpoint, null,
                    "AZURE_OPENAI_API_KEY", azureKey, AgentConfig.firstNonBlank(env.get("AZURE_OPENAI_DEPLOYMENT")),
                    AgentConfig.firstNonBlank(env.get("OPENAI_API_VERSION"), AgentConfig.DEFAULT_AZURE_API_VERSION),
                    AgentConfig.DEFAULT_TIMEOUT, AgentConfig.DEFAULT_MAX_RETRIES, ToolCallingMode.NATIVE, Map.of()));
        }
        String ollamaHost = AgentConfig.firstNonBlank(env.get("OLLAMA_HOST"));
        if (ollamaHost != null) {
            out.put("ollama", new ProviderProfile("ollama", ProviderType.OLLAMA, ollamaUrl(ollamaHost), null, null, null,
                    null, null, AgentConfig.DEFAULT_TIMEOUT, AgentConfig.DEFAULT_MAX_RETRIES, ToolCallingMode.NATIVE, Map.of()));
        }
        return out;
    }

    /** OLLAMA_HOST as Ollama itself reads it: "host", "host:port" or a URL; 0.0.0.0 (listen-all) means localhost here. */
    static String ollamaUrl(String host) {
        String h = host.trim();
        String scheme = "http://";
        int sep = h.indexOf("://");
        if (sep >= 0) {
            scheme = h.substring(0, sep + 3);
            h = h.substring(sep + 3);
        }
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("0.0.0.0")) {
            h = "127.0.0.1" + h.substring("0.0.0.0".length());
        }
        boolean hasPort = h.startsWith("[") ? h.contains("]:") : h.contains(":");
        if (!hasPort && !h.contains("/")) {
            h = h + ":11434";
        }
        return scheme + h;
    }
}
