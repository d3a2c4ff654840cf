package dev.k8sai.config;

/** How the LLM endpoint is spoken to. */
public enum ProviderType {
    /** api.openai.com. */
    OPENAI,
    /** Azure OpenAI: deployment + api-version, api-key header. */
    AZURE_OPENAI,
    /** Ollama's native API (/api/chat, /api/tags). */
    OLLAMA,
    /** Any endpoint speaking OpenAI's chat completions: DeepSeek, DashScope, SiliconFlow, vLLM, llama.cpp, Ollama's /v1. */
    OPENAI_COMPATIBLE
}
