package dev.k8sai.app;

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
import dev.k8sai.llm.ScrubbingLlmClient;
import dev.k8sai.llm.TokenCounter;
import dev.k8sai.llm.UsageMeter;
import dev.k8sai.redact.SecretLedger;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the run's {@link LlmSettings} into what LLM-backed use cases need: the effective
 * configuration, the provider profile (config file + provider + model), a client that reports tokens
 * and round trips, and the stand-in client of a dry run. The environment is passed in, never read
 * from the process, so every front end (and every test) can bring its own.
 */
public final class LlmConnector {

    private final LlmSettings settings;
    private final Map<String, String> env;
    private AgentConfig config;
    /** Every secret value this command's redaction has seen; scrubbed from every request (see ScrubbingLlmClient). */
    private final SecretLedger ledger;

    public LlmConnector(LlmSettings settings, Map<String, String> env) {
        this(settings, env, new SecretLedger());
    }

    private LlmConnector(LlmSettings settings, Map<String, String> env, SecretLedger ledger) {
        this.settings = settings;
        this.env = env;
        this.ledger = ledger;
    }

    /** Other settings (another profile or model) for the same conversation: the secrets seen so far stay scrubbed. */
    LlmConnector withSettings(LlmSettings other) {
        return new LlmConnector(other, env, ledger);
    }

    public LlmSettings settings() {
        return settings;
    }

    public AgentConfig config() {
        if (config == null) {
            config = ConfigLoader.load(settings.configFile(), env);
        }
        return config;
    }

    /** --model, else the config's default model. */
    public ProviderProfile profile() {
        String model = settings.model() != null ? settings.model() : config().defaults().model();
        return config().resolveProfile(settings.provider(), model);
    }

    /**
     * For --dry-run nothing is sent, so a missing key or profile must not stop the preview: the
     * model named on the command line (any name) is enough to count tokens.
     */
    public ProviderProfile profileForPreview() {
        try {
            return profile();
        } catch (AgentException e) {
            String model = settings.model() != null ? settings.model() : "gpt-4o-mini";
            return new ProviderProfile("(none configured)", ProviderType.OPENAI_COMPATIBLE, null, model, null, null,
                    null, null, null, 0, ToolCallingMode.NATIVE, Map.of());
        }
    }

    /** Whether the profile would use native tool calling (for the dry-run preview of agent commands). */
    public static boolean nativeTools(ProviderProfile profile) {
        return profile.toolCalling() != ToolCallingMode.REACT;
    }

    public String language() {
        if (settings.language() != null) {
            return settings.language();
        }
        try {
            String configured = config().defaults().language();
            return configured == null ? "en" : configured;
        } catch (AgentException e) {
            return "en";
        }
    }

    /**
     * A client for the profile; {@code afterCall} (null: none) receives one line per round trip with
     * the running token and round-trip totals (the CLI prints it with --verbose).
     */
    public LlmClient client(Consumer<String> afterCall) {
        LlmClient client = new ScrubbingLlmClient(LlmClients.create(profile()), ledger::scrub);
        if (afterCall == null) {
            return client;
        }
        UsageMeter meter = new UsageMeter();
        return meter.meter(client, m -> afterCall.accept("[llm " + client.describe() + "] " + m.summary()));
    }

    /** The run's secret ledger: the agent's redaction records into it, the client scrubs with it. */
    public SecretLedger ledger() {
        return ledger;
    }

    /** The profile a dry run previews and a client that refuses to send: what a dry run builds requests with. */
    public DryRun.Plan dryRunPlan() {
        ProviderProfile profile = profileForPreview();
        return new DryRun.Plan(profile, previewClient(profile));
    }

    /** How an agent session counts a request's tokens before sending it (its budget check). */
    public static java.util.function.ToIntFunction<LlmRequest> tokenEstimator(String model) {
        TokenCounter counter = TokenCounter.forModel(model);
        return counter::count;
    }

    /**
     * Stands in for the real client under --dry-run: request building needs the model name and its
     * tool-calling mode, and a dry run must work without a key. Any round trip would be a bug.
     */
    public static LlmClient previewClient(ProviderProfile profile) {
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
