package dev.k8sai.config;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration: the file's profiles (in file order) followed by implicit profiles made from
 * environment variables ({@link #implicitProfiles()} names them), the defaults and the tool switches.
 * Profiles here are as configured (model may be null); {@link #resolveProfile(String, String)} completes and
 * validates the one to use.
 *
 * @param path           the config file that was read (or would be written)
 * @param fileExists     false when there was no file (environment only)
 * @param defaultProfile the file's defaultProfile, or null
 */
public record AgentConfig(
        Path path,
        boolean fileExists,
        String defaultProfile,
        Map<String, ProviderProfile> profiles,
        Set<String> implicitProfiles,
        ConfigFile.Defaults defaults,
        ConfigFile.Tools tools,
        Map<String, ConfigFile.McpServer> mcpServers) {

    /** Default model when neither --model, the profile nor defaults.model name one. Azure uses its deployment name. */
    public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
    public static final String DEFAULT_OLLAMA_MODEL = "llama3.1";
    public static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434";
    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 2;

    public AgentConfig {
        profiles = profiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        implicitProfiles = implicitProfiles == null ? Set.of() : Set.copyOf(implicitProfiles);
        defaults = defaults == null ? ConfigFile.Defaults.NONE : defaults;
        tools = tools == null ? ConfigFile.Tools.NONE : tools;
        mcpServers = mcpServers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mcpServers));
    }

    /**
     * The profile to talk to, completed and validated.
     * <ol>
     * <li>{@code provider} given: the profile of that name; else, if it is a provider type (openai, azure,
     *     azure-openai, ollama, openai-compatible), the default profile if it has that type, else the first profile
     *     of that type; {@code --provider ollama} with nothing configured means a local Ollama.</li>
     * <li>else {@code defaultProfile};</li>
     * <li>else the first profile in the file;</li>
     * <li>else the first implicit environment profile (openai, azure, ollama in that order).</li>
     * </ol>
     * Model: {@code model} argument, else the profile's, else defaults.model, else per type: openai
     * {@value #DEFAULT_OPENAI_MODEL}, ollama {@value #DEFAULT_OLLAMA_MODEL}, azure-openai the deployment name;
     * openai-compatible has no sensible default and must name one.
     *
     * @throws AgentException USAGE, one line saying what to configure
     */
    public ProviderProfile resolveProfile(String providerOrNull, String modelOrNull) {
        ProviderProfile p = pick(providerOrNull);
        return complete(p, modelOrNull);
    }

    /** The name of the profile used when no --provider is given, or null if none is configured. */
    public String effectiveDefaultProfile() {
        if (defaultProfile != null) {
            return profiles.containsKey(defaultProfile) ? defaultProfile : null;
        }
        return profiles.isEmpty() ? null : profiles.keySet().iterator().next();
    }

    private ProviderProfile pick(String provider) {
        if (provider != null && !provider.isBlank()) {
            ProviderProfile named = profiles.get(provider);
            if (named != null) {
                return named;
            }
            ProviderType type = ProviderType.parse(provider);
            if (type == null) {
                throw usage("unknown provider '" + provider + "'" + known()
                        + " (a profile name or a type: openai, azure-openai, ollama, openai-compatible)");
            }
            String def = effectiveDefaultProfile();
            if (def != null && profiles.get(def).type() == type) {
                return profiles.get(def);
            }
            for (ProviderProfile p : profiles.values()) {
                if (p.type() == type) {
                    return p;
                }
            }
            if (type == ProviderType.OLLAMA) {
                return new ProviderProfile("ollama", ProviderType.OLLAMA, DEFAULT_OLLAMA_BASE_URL, null, null, null,
                        null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES, ToolCallingMode.NATIVE, Map.of());
            }
            throw usage("no " + type.id() + " profile is configured" + hint(type));
        }
        if (defaultProfile != null) {
            ProviderProfile p = profiles.get(defaultProfile);
            if (p == null) {
                throw usage("defaultProfile '" + defaultProfile + "' in " + path + " is not a profile" + known());
            }
            return p;
        }
        if (profiles.isEmpty()) {
            throw usage("no LLM provider is configured: set OPENAI_API_KEY (or AZURE_OPENAI_API_KEY + AZURE_OPENAI_ENDPOINT, "
                    + "or OLLAMA_HOST), or add a profile with 'k8s-ai-agent config set profiles.NAME.type openai-compatible' "
                    + "and profiles.NAME.baseUrl/model/apiKeyEnv");
        }
        return profiles.values().iterator().next();
    }

    private ProviderProfile complete(ProviderProfile p, String modelOverride) {
        String where = implicitProfiles.contains(p.name()) ? "environment profile '" + p.name() + "'"
                : "profile '" + p.name() + "'";
        String model = firstNonBlank(modelOverride, p.model(), defaults.model());
        String deployment = p.azureDeployment();
        String baseUrl = p.baseUrl();
        switch (p.type()) {
            case OPENAI -> {
                model = firstNonBlank(model, DEFAULT_OPENAI_MODEL);
                baseUrl = firstNonBlank(baseUrl, DEFAULT_OPENAI_BASE_URL);
            }
            case OLLAMA -> {
                model = firstNonBlank(model, DEFAULT_OLLAMA_MODEL);
                baseUrl = firstNonBlank(baseUrl, DEFAULT_OLLAMA_BASE_URL);
            }
            case AZURE_OPENAI -> {
                deployment = firstNonBlank(deployment, model);
                model = firstNonBlank(model, deployment);
                if (baseUrl == null) {
                    throw usage(where + " has no endpoint: set AZURE_OPENAI_ENDPOINT or profiles." + p.name() + ".baseUrl");
                }
                if (deployment == null) {
                    throw usage(where + " has no deployment: set AZURE_OPENAI_DEPLOYMENT, profiles." + p.name()
                            + ".azureDeployment or --model");
                }
            }
            case OPENAI_COMPATIBLE -> {
                if (baseUrl == null) {
                    throw usage(where + " has no baseUrl: 'k8s-ai-agent config set profiles." + p.name() + ".baseUrl URL'");
                }
                if (model == null) {
                    throw usage(where + " has no model: pass --model or 'k8s-ai-agent config set profiles." + p.name()
                            + ".model NAME'");
                }
            }
        }
        // A profile that names a key variable needs it set, whatever its type: failing here gives the
        // same one-line usage error instead of a 401 from the provider later.
        // A local or private server (llama.cpp, Ollama, vLLM on the LAN) needs no key: none is sent then.
        if ((p.type() == ProviderType.OPENAI || p.type() == ProviderType.AZURE_OPENAI || p.apiKeyEnv() != null)
                && isBlank(p.apiKey()) && !(p.type() != ProviderType.AZURE_OPENAI && LocalEndpoints.isLocal(baseUrl))) {
            throw usage(where + " has no API key: "
                    + (p.apiKeyEnv() != null ? "$" + p.apiKeyEnv() + " is not set" : "set profiles." + p.name() + ".apiKeyEnv")
                    + " (a server on this machine or a private network needs none)");
        }
        return new ProviderProfile(p.name(), p.type(), baseUrl, model, p.apiKeyEnv(), p.apiKey(), deployment,
                p.type() == ProviderType.AZURE_OPENAI ? firstNonBlank(p.azureApiVersion(), DEFAULT_AZURE_API_VERSION)
                        : p.azureApiVersion(),
                p.timeout() == null ? DEFAULT_TIMEOUT : p.timeout(), p.maxRetries(),
                p.toolCalling() == null ? ToolCallingMode.NATIVE : p.toolCalling(), p.headers(), p.limits(), p.price());
    }

    private String known() {
        return profiles.isEmpty() ? "; no profiles are configured" : "; known profiles: " + String.join(", ", profiles.keySet());
    }

    private static String hint(ProviderType type) {
        return switch (type) {
            case OPENAI -> ": set OPENAI_API_KEY or add a profile of type openai";
            case AZURE_OPENAI -> ": set AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT or add a profile of type azure-openai";
            case OPENAI_COMPATIBLE -> ": add one with 'k8s-ai-agent config set profiles.NAME.type openai-compatible'";
            case OLLAMA -> "";
        };
    }

    /** "****abcd" for keys of 12+ characters, "****" for shorter ones, null for null: safe to print. */
    public static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        return secret.length() >= 12 ? "****" + secret.substring(secret.length() - 4) : "****";
    }

    static AgentException usage(String message) {
        return new AgentException(ErrorCategory.CONFIG, message);
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!isBlank(v)) {
                return v.trim();
            }
        }
        return null;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Profile names in resolution order, file first then environment. */
    public List<String> profileNames() {
        return List.copyOf(profiles.keySet());
    }
}
