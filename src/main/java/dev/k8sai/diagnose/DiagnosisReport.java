package dev.k8sai.diagnose;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.StopReason;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.output.JsonExtraction;
import dev.k8sai.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result of diagnose: the model's structured answer (summary, symptoms, evidence, root cause,
 * fix, confidence) next to the deterministic findings it started from, why the run stopped, and the
 * tokens it spent. A prose answer (a model that ignored the JSON instruction, or a run cut short)
 * still makes a report, without another round trip: the text becomes summary and root cause.
 */
@JsonPropertyOrder({"target", "summary", "symptoms", "evidence", "rootCause", "fix", "confidence", "findings",
        "stopReason", "usage"})
public record DiagnosisReport(String target, String summary, List<String> symptoms, List<String> evidence,
                              String rootCause, List<String> fix, String confidence, List<Finding> findings,
                              StopReason stopReason, TokenUsage usage) {

    private static final int SUMMARY_CHARS = 300;

    public DiagnosisReport {
        symptoms = List.copyOf(symptoms);
        evidence = List.copyOf(evidence);
        fix = List.copyOf(fix);
        findings = List.copyOf(findings);
    }

    public static DiagnosisReport of(DiagnosisTarget target, AgentResult result, List<Finding> findings) {
        String answer = result.answer() == null ? "" : result.answer().strip();
        Optional<JsonNode> json = JsonExtraction.extract(answer).filter(DiagnosisReport::looksLikeReport);
        String name = target.ref();
        if (json.isPresent()) {
            JsonNode n = json.get();
            String rootCause = text(n.get("rootCause"));
            String summary = text(n.get("summary"));
            return new DiagnosisReport(name, summary.isEmpty() ? firstSentence(rootCause) : summary,
                    list(n.get("symptoms")), list(n.get("evidence")), rootCause, list(n.get("fix")),
                    confidence(text(n.get("confidence"))), findings, result.stopReason(), result.usage());
        }
        if (result.stopReason() == StopReason.PROVIDER_ERROR) {
            // The provider's error text is no root cause: say the investigation could not finish.
            String cause = "not determined: the model provider failed before the investigation finished";
            return new DiagnosisReport(name, cause, List.of(), answer.startsWith("No answer could be produced")
                    ? List.of() : List.of(answer), cause, List.of(), "unknown", findings, result.stopReason(), result.usage());
        }
        return new DiagnosisReport(name, firstSentence(answer), List.of(), List.of(), answer, List.of(), "unknown",
                findings, result.stopReason(), result.usage());
    }

    private static boolean looksLikeReport(JsonNode n) {
        return n.isObject() && (n.has("rootCause") || n.has("summary") || n.has("fix"));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isArray()) {
            return String.join(" ", list(n));
        }
        return n.isValueNode() ? n.asText().strip() : n.toString();
    }

    /** Arrays stay lists; a single string (models do that) becomes a one-element list. */
    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> {
                String t = e.isValueNode() ? e.asText().strip() : e.toString();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            });
        } else {
            String t = text(n);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String confidence(String raw) {
        String c = raw.toLowerCase(Locale.ROOT);
        return c.equals("high") || c.equals("medium") || c.equals("low") ? c : raw.isEmpty() ? "unknown" : raw;
    }

    private static String firstSentence(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        int end = line.indexOf(". ");
        String s = end > 0 ? line.substring(0, end + 1) : line;
        return s.length() > SUMMARY_CHARS ? s.substring(0, SUMMARY_CHARS) + "…" : s;
    }

    /** The human report: one section per field, the findings last. */
    public String renderText() {
        StringBuilder b = new StringBuilder();
        b.append("Diagnosis of ").append(target).append(" (confidence ").append(confidence).append(")\n\n");
        section(b, "Summary", List.of(summary));
        section(b, "Symptoms", symptoms);
        section(b, "Evidence", evidence);
        section(b, "Root cause", List.of(rootCause));
        section(b, "Fix", fix);
        List<String> lines = findings.stream().map(f -> "[" + f.severity().name().toLowerCase(Locale.ROOT) + "] "
                + f.objectRef() + " " + f.reason() + ": " + f.message()).toList();
        section(b, "Findings", lines.isEmpty() ? List.of("(none from the rule-based checks)") : lines);
        if (stopReason != StopReason.FINAL_ANSWER) {
            b.append("Note: the investigation stopped early (").append(stopReason.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ')).append("); the answer is the best available.\n");
        }
        return b.toString().stripTrailing() + "\n";
    }

    private static void section(StringBuilder b, String title, List<String> items) {
        List<String> present = items.stream().filter(s -> s != null && !s.isBlank()).toList();
        if (present.isEmpty()) {
            return;
        }
        b.append(title).append(":\n");
        if (present.size() == 1 && !title.equals("Symptoms") && !title.equals("Evidence") && !title.equals("Fix")
                && !title.equals("Findings")) {
            present.getFirst().lines().forEach(l -> b.append("  ").append(l).append('\n'));
        } else {
            present.forEach(s -> b.append("  - ").append(s.replace("\n", "\n    ")).append('\n'));
        }
        b.append('\n');
    }
}
