package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.config.AgentConfig;
import dev.k8sai.config.ConfigLoader;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmClients;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.PromptPreview;
import dev.k8sai.llm.TokenCounter;
import dev.k8sai.llm.UsageMeter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Turns the global options into what LLM-backed commands need: the effective configuration, the
 * provider profile (config file + --provider + --model), a client that reports tokens and round
 * trips with --verbose, and the --dry-run preview. The environment is passed in so tests can run
 * commands with an environment of their own.
 */
final class LlmConnector {

    private final GlobalOptions global;
    private final Map<String, String> env;
    private AgentConfig config;

    LlmConnector(GlobalOptions global, Map<String, String> env) {
        this.global = global;
        this.env = env;
    }

    AgentConfig config() {
        if (config == null) {
            config = ConfigLoader.load(global.config(), env);
        }
        return config;
    }

    /** --model, else the config's default model. */
    ProviderProfile profile() {
        String model = global.model() != null ? global.model() : config().defaults().model();
        return config().resolveProfile(global.provider(), model);
    }

    /**
     * For --dry-run nothing is sent, so a missing key or profile must not stop the preview: the
     * model named on the command line (any name) is enough to count tokens.
     */
    ProviderProfile profileForPreview() {
        try {
            return profile();
        } catch (AgentException e) {
            String model = global.model() != null ? global.model() : "gpt-4o-mini";
            return new ProviderProfile("(none configured)", ProviderType.OPENAI_COMPATIBLE, null, model, null, null,
                    null, null, null, 0, ToolCallingMode.NATIVE, Map.of());
        }
    }

    /** The client for this command; with --verbose, tokens in/out and round trips go to {@code err} after each call. */
    LlmClient client(PrintStream err) {
        LlmClient client = LlmClients.create(profile());
        if (!global.verbose()) {
            return client;
        }
        UsageMeter meter = new UsageMeter();
        return meter.meter(client, m -> err.println("[llm " + client.describe() + "] " + m.summary()));
    }

    /** Whether the profile would use native tool calling (for the dry-run preview of agent commands). */
    static boolean nativeTools(ProviderProfile profile) {
        return profile.toolCalling() != ToolCallingMode.REACT;
    }

    String language() {
        if (global.language() != null) {
            return global.language();
        }
        try {
            String configured = config().defaults().language();
            return configured == null ? "en" : configured;
        } catch (AgentException e) {
            return "en";
        }
    }

    /** As {@link #client(PrintStream)}, reporting to a picocli writer. */
    LlmClient client(PrintWriter err) {
        LlmClient client = LlmClients.create(profile());
        if (!global.verbose()) {
            return client;
        }
        UsageMeter meter = new UsageMeter();
        return meter.meter(client, m -> {
            err.println("[llm " + client.describe() + "] " + m.summary());
            err.flush();
        });
    }

    /** As {@link #preview(List, ProviderProfile, PrintStream)}, to a picocli writer. */
    static void preview(List<LlmRequest> requests, ProviderProfile profile, PrintWriter out) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        preview(requests, profile, new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        out.print(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    /** Prints every request exactly as it would be sent, then the total token estimate; sends nothing. */
    static void preview(List<LlmRequest> requests, ProviderProfile profile, PrintStream out) {
        TokenCounter counter = TokenCounter.forModel(profile.model());
        int total = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.size() > 1) {
                out.println("##### request " + (i + 1) + " of " + requests.size());
            }
            PromptPreview.print(requests.get(i), profile.model(), out);
            total += counter.count(requests.get(i));
        }
        out.println("dry run: " + requests.size() + " request(s) to " + profile.name() + " (model " + profile.model()
                + "), estimated input tokens in total: " + total + " (" + counter.encodingName() + "); nothing was sent.");
        out.flush();
    }
}
