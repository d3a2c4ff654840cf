package dev.k8sai.config;

import java.util.Locale;

/** How the LLM endpoint is spoken to. */
public enum ProviderType {
    /** api.openai.com. */
    OPENAI("openai"),
    /** Azure OpenAI: deployment + api-version, api-key header. */
    AZURE_OPENAI("azure-openai"),
    /** Ollama's native API (/api/chat, /api/tags). */
    OLLAMA("ollama"),
    /** Any endpoint speaking OpenAI's chat completions: DeepSeek, DashScope, SiliconFlow, vLLM, llama.cpp, Ollama's /v1. */
    OPENAI_COMPATIBLE("openai-compatible");

    private final String id;

    ProviderType(String id) {
        this.id = id;
    }

    /** The spelling used in the config file and on the command line. */
    public String id() {
        return id;
    }

    /** Parses a config/CLI spelling (case-insensitive; "azure" and underscores accepted); null if unknown. */
    public static ProviderType parse(String s) {
        if (s == null) {
            return null;
        }
        String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("azure")) {
            return AZURE_OPENAI;
        }
        for (ProviderType t : values()) {
            if (t.id.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
