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
import dev.k8sai.llm.LlmResponse;
import dev.k8sai.llm.PromptPreview;
import dev.k8sai.llm.ScrubbingLlmClient;
import dev.k8sai.llm.TokenCounter;
import dev.k8sai.llm.UsageMeter;
import dev.k8sai.redact.SecretLedger;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
    /** Every secret value this command's redaction has seen; scrubbed from every request (see ScrubbingLlmClient). */
    private final SecretLedger ledger = new SecretLedger();

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

    /** The profile's client; with --verbose it reports tokens and round trips on {@code err} after each call. */
    LlmClient client(PrintWriter err) {
        return client(err, () -> { });
    }

    /** As {@link #client(PrintWriter)}; {@code beforeVerboseLine} runs first (ends a streamed answer's line). */
    LlmClient client(PrintWriter err, Runnable beforeVerboseLine) {
        LlmClient client = new ScrubbingLlmClient(LlmClients.create(profile()), ledger::scrub);
        if (!global.verbose()) {
            return client;
        }
        UsageMeter meter = new UsageMeter();
        return meter.meter(client, m -> {
            beforeVerboseLine.run();
            err.println("[llm " + client.describe() + "] " + m.summary());
            err.flush();
        });
    }

    /** The command's secret ledger: the agent's redaction records into it, the client scrubs with it. */
    SecretLedger ledger() {
        return ledger;
    }

    /** Prints every request exactly as it would be sent, then the total token estimate; sends nothing. */
    static void preview(List<LlmRequest> requests, ProviderProfile profile, PrintWriter out) {
        TokenCounter counter = TokenCounter.forModel(profile.model());
        int total = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.size() > 1) {
                out.println("##### request " + (i + 1) + " of " + requests.size());
            }
            out.print(PromptPreview.render(requests.get(i), profile.model()));
            total += counter.count(requests.get(i));
        }
        out.println("dry run: " + requests.size() + " request(s) to " + profile.name() + " (model " + profile.model()
                + "), estimated input tokens in total: " + total + " (" + counter.encodingName() + "); nothing was sent.");
        out.flush();
    }

    /** How an agent session counts a request's tokens before sending it (its budget check). */
    static java.util.function.ToIntFunction<LlmRequest> tokenEstimator(String model) {
        TokenCounter counter = TokenCounter.forModel(model);
        return counter::count;
    }

    /**
     * Stands in for the real client under --dry-run: request building needs the model name and its
     * tool-calling mode, and a dry run must work without a key. Any round trip would be a bug.
     */
    static LlmClient previewClient(ProviderProfile profile) {
        return new LlmClient() {
            @Override public String describe() { return profile.name() + "/" + profile.model(); }
            @Override public String model() { return profile.model(); }
            @Override public boolean nativeToolCalling() { return nativeTools(profile); }
            @Override public LlmResponse chat(LlmRequest request) {
                throw new IllegalStateException("--dry-run must not send requests");
            }
            @Override public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
                throw new IllegalStateException("--dry-run must not send requests");
            }
        };
    }
}
