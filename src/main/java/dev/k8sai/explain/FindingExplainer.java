package dev.k8sai.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
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

/**
 * --explain for analyze and audit: asks the model for cause and fix of each finding, batched,
 * cached on disk, with every text redacted (and names masked with --anonymize) before it is sent.
 */
public final class FindingExplainer {

    private final LlmClient client;
    private final ExplanationCache cache;
    private final ExplainOptions options;

    public FindingExplainer(LlmClient client, ExplanationCache cache, ExplainOptions options) {
        this.client = client;
        this.cache = cache;
        this.options = options;
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
        for (List<Finding> batch : batches(uncached(findings, explanations))) {
            Anonymizer anonymizer = options.anonymize() ? new Anonymizer() : null;
            Prompt prompt = buildRequest(batch, anonymizer);
            redactions += prompt.redactions();
            LlmResponse response = client.chat(prompt.request());
            requests++;
            usage = usage.plus(response.usage());
            Map<Integer, String> byId = parse(response.text(), batch.size());
            for (int i = 0; i < batch.size(); i++) {
                String text = byId.get(i + 1);
                if (text == null || text.isBlank()) {
                    continue;
                }
                if (anonymizer != null) {
                    text = anonymizer.restore(text);
                }
                explanations.put(batch.get(i), text);
                cache.put(cacheKey(batch.get(i)), text);
            }
        }
        List<Finding> result = findings.stream()
                .map(f -> explanations.containsKey(f) ? f.withExplanation(explanations.get(f)) : f)
                .toList();
        return new ExplainResult(result, hits, requests, usage, redactions);
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
                if (parent != null) {
                    String[] parts = parent.split("/");
                    anonymizer.register(parts[0], parts[parts.length - 1]);
                }
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
    static Map<Integer, String> parse(String reply, int count) {
        Map<Integer, String> out = new HashMap<>();
        var json = JsonExtraction.extract(reply);
        if (json.isPresent()) {
            JsonNode node = json.get();
            if (node.isObject() && node.has("findings")) {
                node = node.get("findings");
            } else if (node.isObject() && count == 1) {
                node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(node);
            }
            if (node.isArray()) {
                int position = 0;
                for (JsonNode item : node) {
                    position++;
                    int id = item.path("id").asInt(position);
                    String cause = item.path("cause").asText("").strip();
                    String fix = item.path("fix").asText("").strip();
                    String explanation = item.path("explanation").asText("").strip();
                    StringBuilder text = new StringBuilder();
                    if (!cause.isEmpty()) {
                        text.append("Cause: ").append(cause);
                    }
                    if (!fix.isEmpty()) {
                        text.append(text.isEmpty() ? "" : "\n").append("Fix: ").append(fix);
                    }
                    if (text.isEmpty()) {
                        text.append(explanation);
                    }
                    if (!text.isEmpty() && id >= 1 && id <= count) {
                        out.put(id, text.toString());
                    }
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
        }
        String prose = ThinkBlocks.split(reply).visible();
        if (!prose.isBlank()) {
            for (int i = 1; i <= count; i++) {
                out.put(i, prose);
            }
        }
        return out;
    }
}
