package dev.k8sai.config;

/** How the agent asks a model to call tools. */
public enum ToolCallingMode {
    /** The provider's native function/tool calling. */
    NATIVE,
    /** A JSON protocol in plain text (question/thought/action{name,input}/final_answer), for models without tool calling. */
    REACT
}
