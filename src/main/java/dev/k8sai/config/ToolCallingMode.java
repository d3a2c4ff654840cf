package dev.k8sai.config;

import java.util.Locale;

/** How the agent asks a model to call tools. */
public enum ToolCallingMode {
    /** The provider's native function/tool calling. */
    NATIVE,
    /** A JSON protocol in plain text (question/thought/action{name,input}/final_answer), for models without tool calling. */
    REACT;

    /** "native" / "react" (case-insensitive); null if unknown. */
    public static ToolCallingMode parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "native" -> NATIVE;
            case "react" -> REACT;
            default -> null;
        };
    }
}
