package dev.k8sai.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
import dev.k8sai.llm.TokenBudget;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.output.JsonExtraction;
import dev.k8sai.llm.output.ThinkBlocks;
import dev.k8sai.redact.Anonymizer;
import dev.k8sai.redact.Redaction;
import dev.k8sai.redact.Redactor;
import dev.k8sai.report.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * --explain for analyze and audit: asks the model for cause and fix of each finding, batched,
 * cached on disk, with every text redacted (and names masked with --anonymize) before it is sent.
 */
public final class FindingExplainer {

    /** "Service web", "ConfigMap \"cart-config\"", "in pod payments-7c9d…": object names inside free text. */
    private static final Pattern MENTIONED = Pattern.compile(
            "(Service|ConfigMap|Secret|StorageClass|PersistentVolumeClaim|ServiceAccount|IngressClass|Deployment|StatefulSet"
                    + "|ReplicaSet|DaemonSet|Job|CronJob|Pod|Node|Namespace|pod|service|configmap|secret)\\s+\"?([a-z0-9][a-z0-9.-]*)");
    /** Words that follow "pod"/"Job"… in prose ("pod is not ready", "Job has reached…") and are no names. */
    private static final Set<String> NOT_NAMES = Set.of("a", "an", "the", "is", "are", "was", "were", "has", "have", "had",
            "in", "on", "of", "for", "to", "and", "or", "not", "no", "with", "from", "that", "this", "does", "did", "will",
            "may", "can", "cannot", "could", "should", "would", "must", "be", "been", "being", "as", "at", "by", "its",
            "it", "which", "failed", "status", "template", "spec", "sandbox", "uses", "references", "named");

    private final LlmClient client;
    private final ExplanationCache cache;
    private final ExplainOptions options;
    private final int tokenBudget;
    /** Told (batch number from 1, number of batches) before each request: the CLI's progress line. */
    private java.util.function.BiConsumer<Integer, Integer> onBatch = (b, n) -> { };

    public FindingExplainer(LlmClient client, ExplanationCache cache, ExplainOptions options) {
        this(client, cache, options, 0);
    }

    /** {@code tokenBudget} (input + output over all requests; 0 or less: none): no further batch is sent once it is spent. */
    public FindingExplainer(LlmClient client, ExplanationCache cache, ExplainOptions options, int tokenBudget) {
        this.client = client;
        this.cache = cache;
        this.options = options;
        this.tokenBudget = tokenBudget;
    }

    /** Sets who hears, before each request, which batch of how many is sent. */
    public FindingExplainer onBatch(java.util.function.BiConsumer<Integer, Integer> listener) {
        this.onBatch = listener;
        return this;
    }

    /** The requests {@link #explain} would send for these findings (cached ones skipped) — for --dry-run. */
    public List<LlmRequest> plan(List<Finding> findings) {
        List<LlmRequest> requests = new ArrayList<>();
        for (List<Finding> batch : batches(uncached(findings))) {
            requests.add(buildRequest(batch, options.anonymize() ? new Anonymizer() : null).request());
        }
        return requests;
    }

    public ExplainResult explain(List<Finding> findings) {
        Map<Finding, String> explanations = new HashMap<>();
        int hits = 0;
        for (Finding f : findings) {
            if (options.useCache()) {
                var cached = cache.get(cacheKey(f));
                if (cached.isPresent()) {
                    explanations.put(f, cached.get());
                    hits++;
                }
            }
        }
        int requests = 0;
        int redactions = 0;
        TokenUsage usage = TokenUsage.NONE;
        TokenBudget budget = new TokenBudget(tokenBudget);
        String note = null;
        List<List<Finding>> batches = batches(uncached(findings, explanations));
        for (int b = 0; b < batches.size(); b++) {
            List<Finding> batch = batches.get(b);
            if (budget.exhausted()) {
                int left = batches.subList(b, batches.size()).stream().mapToInt(List::size).sum();
                note = "token budget of " + tokenBudget + " reached; " + left + " finding(s) left unexplained";
                break;
            }
            Anonymizer anonymizer = options.anonymize() ? new Anonymizer() : null;
            Prompt prompt = buildRequest(batch, anonymizer);
            redactions += prompt.redactions();
            onBatch.accept(b + 1, batches.size());
            LlmResponse response = client.chat(prompt.request());
            requests++;
            usage = usage.plus(budget.charge(client.model(), prompt.request(), response));
            Parsed parsed = parse(response.text(), batch.size());
            for (int i = 0; i < batch.size(); i++) {
                String text = parsed.byId().get(i + 1);
                if (text == null || text.isBlank()) {
                    continue;
                }
                if (anonymizer != null) {
                    text = anonymizer.restore(text);
                }
                explanations.put(batch.get(i), text);
                // Prose for a whole batch is shown, but is no per-finding answer worth keeping.
                if (!parsed.prose() || batch.size() == 1) {
                    cache.put(cacheKey(batch.get(i)), text);
                }
            }
        }
        List<Finding> result = findings.stream()
                .map(f -> explanations.containsKey(f) ? f.withExplanation(explanations.get(f)) : f)
                .toList();
        List<String> missing = findings.stream().filter(f -> !explanations.containsKey(f))
                .map(f -> f.objectRef() + " (" + f.reason() + ")").toList();
        if (!missing.isEmpty() && note == null) {
            note = "the model gave no explanation for " + missing.size() + " finding(s): " + String.join(", ", missing);
        }
        return new ExplainResult(result, hits, requests, usage, redactions, note);
    }

    /** Every name of the batch is known before any text is masked, so one finding's text cannot leak another's name. */
    private static void registerNames(List<Finding> batch, Anonymizer anonymizer) {
        for (Finding f : batch) {
            if (f.namespace() != null) {
                anonymizer.register("namespace", f.namespace());
            }
            anonymizer.register(f.kind(), f.name());
            if (f.parent() != null) {
                String[] parts = f.parent().split("/");
                anonymizer.register(parts[0], parts[parts.length - 1]);
                if (parts.length == 3) {
                    anonymizer.register("namespace", parts[1]);
                }
            }
            List<String> texts = new ArrayList<>(f.evidence());
            texts.add(f.message());
            for (String text : texts) {
                if (text == null) {
                    continue;
                }
                Matcher m = MENTIONED.matcher(text);
                while (m.find()) {
                    String name = m.group(2).replaceAll("\\.+$", "");
                    if (!name.isEmpty() && !NOT_NAMES.contains(name)) {
                        anonymizer.register(m.group(1), name);
                    }
                }
            }
        }
    }

    private String cacheKey(Finding f) {
        return ExplanationCache.key(client.model(), options.language(), f);
    }

    private List<Finding> uncached(List<Finding> findings) {
        return options.useCache() ? findings.stream().filter(f -> cache.get(cacheKey(f)).isEmpty()).toList() : findings;
    }

    private static List<Finding> uncached(List<Finding> findings, Map<Finding, String> known) {
        return findings.stream().filter(f -> !known.containsKey(f)).toList();
    }

    private List<List<Finding>> batches(List<Finding> findings) {
        List<List<Finding>> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i += options.batchSize()) {
            out.add(findings.subList(i, Math.min(findings.size(), i + options.batchSize())));
        }
        return out;
    }

    private record Prompt(LlmRequest request, int redactions) { }

    private Prompt buildRequest(List<Finding> batch, Anonymizer anonymizer) {
        String system = """
                You are a Kubernetes expert helping an on-call engineer. For each numbered finding, explain \
                the most likely cause and give a concrete fix (kubectl commands or manifest changes), briefly. \
                Answer in language: %s. Reply with only a JSON array, one object per finding: \
                [{"id": 1, "cause": "...", "fix": "..."}]. Values like [REDACTED:...] were removed on purpose; \
                never ask for them.""".formatted(options.language());
        StringBuilder user = new StringBuilder("Findings:\n");
        int redactions = 0;
        if (anonymizer != null) {
            registerNames(batch, anonymizer);
        }
        for (int i = 0; i < batch.size(); i++) {
            Finding f = batch.get(i);
            String ns = f.namespace();
            String name = f.name();
            String parent = f.parent();
            if (anonymizer != null) {
                if (ns != null) {
                    ns = anonymizer.register("namespace", ns);
                }
                name = anonymizer.register(f.kind(), name);
            }
            StringBuilder one = new StringBuilder();
            one.append('[').append(i + 1).append("] ").append(f.kind()).append(' ')
                    .append(ns == null ? "" : ns + "/").append(name)
                    .append(" — ").append(f.severity().wireName())
                    .append(' ').append(f.reason()).append(": ").append(f.message()).append('\n');
            if (parent != null) {
                one.append("    owner: ").append(parent).append('\n');
            }
            for (String e : f.evidence()) {
                one.append("    evidence: ").append(e).append('\n');
            }
            String text = one.toString();
            if (anonymizer != null) {
                text = anonymizer.anonymize(text);
            }
            Redaction r = Redactor.redact(text);
            redactions += r.count();
            user.append(r.text());
        }
        List<LlmMessage> messages = List.of(new LlmMessage.System(system), new LlmMessage.User(user.toString()));
        return new Prompt(new LlmRequest(messages, List.of(), null), redactions);
    }

    /**
     * Explanations by 1-based id. When the reply is not the asked-for JSON but carries prose, the
     * prose is used (for every finding of the batch) instead of paying for another call.
     */
    static Parsed parse(String reply, int count) {
        Map<Integer, String> out = new HashMap<>();
        // One array, an object holding "findings", or several blocks (one per finding): items in reply order.
        List<JsonNode> items = new ArrayList<>();
        List<JsonNode> blocks = JsonExtraction.extractAll(reply);
        for (JsonNode node : blocks) {
            if (node.isObject() && node.has("findings")) {
                node = node.get("findings");
            }
            if (node.isArray()) {
                node.forEach(items::add);
            } else if (node.isObject()) {
                items.add(node);
            }
        }
        if (blocks.size() == 1 && blocks.getFirst().isObject() && !blocks.getFirst().has("findings") && count > 1
                && !blocks.getFirst().has("id")) {
            items.clear(); // one object without an id answers no particular finding of several
        }
        int position = 0;
        for (JsonNode item : items) {
            position++;
            int id = item.path("id").asInt(position);
            String text = explanationText(item);
            if (!text.isEmpty() && id >= 1 && id <= count) {
                out.put(id, text);
            }
        }
        if (!out.isEmpty()) {
            return new Parsed(out, false);
        }
        String prose = ThinkBlocks.split(reply).visible();
        if (!prose.isBlank() && blocks.isEmpty()) {
            for (int i = 1; i <= count; i++) {
                out.put(i, prose);
            }
        }
        return new Parsed(out, true);
    }

    private static String explanationText(JsonNode item) {
        String cause = item.path("cause").asText("").strip();
        String fix = item.path("fix").asText("").strip();
        StringBuilder text = new StringBuilder();
        if (!cause.isEmpty()) {
            text.append("Cause: ").append(cause);
        }
        if (!fix.isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n").append("Fix: ").append(fix);
        }
        if (text.isEmpty()) {
            text.append(item.path("explanation").asText("").strip());
        }
        return text.toString();
    }

    /** Explanations by 1-based id; {@code prose}: the reply was not the asked-for JSON, every id got the same text. */
    record Parsed(Map<Integer, String> byId, boolean prose) { }
}
