package dev.k8sai.generate;

import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
import dev.k8sai.llm.TokenBudget;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.output.ThinkBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generate conversation: system prompt and user prompt, validate the reply, and while it is invalid send the
 * problems back and ask for a corrected full manifest — at most {@code maxRepairs} times.
 */
public final class GenerateService {

    /** Problems sent back per repair round; more would bury the model in noise. */
    private static final int MAX_PROBLEMS_IN_REPAIR = 30;
    /** Output limit of one generate reply (a few manifests); a profile's maxOutputTokens wins. */
    static final int GENERATE_OUTPUT_TOKENS = 4096;

    private final LlmClient llm;
    private final ManifestValidator validator;
    private final String namespace;
    private final int maxRepairs;
    private final Integer tokenBudget;
    private final String language;

    public GenerateService(LlmClient llm, ManifestValidator validator, String namespace, int maxRepairs, Integer tokenBudget) {
        this(llm, validator, namespace, maxRepairs, tokenBudget, null);
    }

    /**
     * @param namespace       target namespace for namespaced objects (named in the prompt, filled in where missing)
     * @param maxRepairs      repair rounds after the first reply, at least 0
     * @param tokenBudget     --max-tokens: input + output tokens of the whole command, null for none. It is no
     *                        per-reply limit (a budget like 60000 as max_tokens makes providers answer 400):
     *                        no repair round starts once it is spent
     * @param language        language of YAML comments (--language), null or "en" for English
     */
    public GenerateService(LlmClient llm, ManifestValidator validator, String namespace, int maxRepairs, Integer tokenBudget,
                           String language) {
        if (maxRepairs < 0) {
            throw new IllegalArgumentException("maxRepairs must be >= 0");
        }
        this.llm = llm;
        this.validator = validator;
        this.namespace = namespace;
        this.maxRepairs = maxRepairs;
        this.tokenBudget = tokenBudget;
        this.language = language;
    }

    /**
     * The first round trip's request — also exactly what --dry-run prints.
     *
     * @param namespace target namespace, null for the current one
     * @param language  language of YAML comments, null or "en" for English
     */
    public static LlmRequest firstRequest(String prompt, String namespace, String language) {
        return new LlmRequest(List.of(new LlmMessage.System(systemPrompt(namespace, language)), new LlmMessage.User(prompt.strip())),
                List.of(), null);
    }

    /** Hears each round before the model is asked (0: the first reply, k: repair round k) and each validation. */
    public interface Rounds {
        void asking(int round, int maxRepairs);

        void validating(boolean serverDryRun);
    }

    private Rounds rounds = new Rounds() {
        public void asking(int round, int maxRepairs) { }

        public void validating(boolean serverDryRun) { }
    };

    public GenerateService onRounds(Rounds listener) {
        this.rounds = listener;
        return this;
    }

    public GenerateResult generate(String prompt) {
        List<LlmMessage> messages = new ArrayList<>(firstRequest(prompt, namespace, language).messages());
        TokenBudget budget = TokenBudget.of(tokenBudget);
        TokenUsage usage = TokenUsage.NONE;
        int rounds = 0;
        while (true) {
            LlmRequest request = new LlmRequest(messages, List.of(), GENERATE_OUTPUT_TOKENS);
            this.rounds.asking(rounds, maxRepairs);
            LlmResponse reply = llm.chat(request);
            rounds++;
            usage = usage.plus(budget.charge(llm.model(), request, reply));
            Extraction extraction = ManifestExtractor.extract(reply.text());
            this.rounds.validating(validator.online());
            ValidationReport report = validator.validate(extraction, namespace);
            if (report.valid() || rounds > maxRepairs) {
                return new GenerateResult(extraction.yaml(), report, rounds, usage);
            }
            if (budget.exhausted()) {
                return new GenerateResult(extraction.yaml(), report, rounds, usage, "token budget of " + tokenBudget + " reached");
            }
            // The assistant turn goes back without think text: it is noise for the repair and costs tokens.
            messages.add(LlmMessage.Assistant.of(ThinkBlocks.split(reply.text()).visible()));
            messages.add(new LlmMessage.User(repairPrompt(report)));
        }
    }

    static String systemPrompt(String namespace, String language) {
        // Only comments follow --language: keys, values and kinds are what the API server expects, in English.
        String comments = language == null || language.isBlank() || language.equalsIgnoreCase("en")
                || language.equalsIgnoreCase("english") ? ""
                : "\nWrite any YAML comments in " + language + "; keys and values stay as Kubernetes expects them.";
        String ns = namespace == null ? "the current namespace (do not set metadata.namespace)"
                : "namespace \"" + namespace + "\" (set metadata.namespace: " + namespace + " on namespaced objects)";
        return """
                You write Kubernetes manifests and nothing else.
                Reply with all manifests in ONE fenced ```yaml block, objects separated by ---, and no other code blocks.
                Target %s.
                Follow best practices unless the user asks otherwise:
                - set resources.requests and resources.limits on every container;
                - add readiness and liveness probes to long-running containers;
                - run as non-root (securityContext runAsNonRoot: true, allowPrivilegeEscalation: false);
                - pin image tags, never use :latest or an untagged image;
                - use stable apiVersions (apps/v1, networking.k8s.io/v1, batch/v1, ...);
                - label objects consistently (app.kubernetes.io/name) and make selectors match the labels.
                Never put real secrets in the YAML; use placeholders.
                """.formatted(ns).strip() + comments;
    }

    static String repairPrompt(ValidationReport report) {
        List<ManifestProblem> problems = report.problems();
        String list = problems.stream().limit(MAX_PROBLEMS_IN_REPAIR).map(p -> "- " + p).collect(Collectors.joining("\n"));
        if (problems.size() > MAX_PROBLEMS_IN_REPAIR) {
            list += "\n- … and " + (problems.size() - MAX_PROBLEMS_IN_REPAIR) + " more";
        }
        String intro = problems.isEmpty()
                ? "Your reply contained no Kubernetes objects."
                : "Validation " + (report.serverChecked() ? "(including a Kubernetes API server dry run) " : "")
                        + "found these problems in your manifests:\n" + list;
        return intro + "\n\nReply with the corrected FULL manifest (all objects, not only the changed ones) "
                + "in one fenced ```yaml block.";
    }
}
