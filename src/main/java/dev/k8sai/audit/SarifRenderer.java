package dev.k8sai.audit;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders findings as a SARIF 2.1.0 log (one run), for code-scanning dashboards. Built with Jackson
 * trees rather than a SARIF library: the few objects needed are simpler to write than to map.
 *
 * <p>Kubernetes objects are not files, so each result is located by a logical location whose
 * fullyQualifiedName is "Kind/namespace/name" ("Kind/name" for cluster-scoped kinds). Rules are one
 * per reason code: audit codes carry their own description and help, codes from other analyzers get
 * a generic one. Works for any {@link FindingsReport}, so {@code analyze -o sarif} can reuse it.
 */
public final class SarifRenderer {

    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String TOOL_NAME = "k8s-ai-agent";
    private static final String INFORMATION_URI = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
    private static final ObjectMapper JSON = Mappers.JSON_PRETTY;

    private SarifRenderer() {
    }

    public static String render(AuditResult result, String toolVersion) {
        return render(result.report(), toolVersion, result.notes());
    }

    /** The SARIF document as indented JSON; {@code notes} become tool execution notifications. */
    public static String render(FindingsReport report, String toolVersion, List<String> notes) {
        try {
            return JSON.writeValueAsString(toTree(report, toolVersion, notes));
        } catch (JsonProcessingException e) {
            throw new AgentException(ExitCodes.INTERNAL, "could not write SARIF output", e.getMessage(), e);
        }
    }

    public static ObjectNode toTree(FindingsReport report, String toolVersion, List<String> notes) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        driver.put("version", toolVersion == null || toolVersion.isBlank() ? "unknown" : toolVersion);
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            if (!ruleIndex.containsKey(f.reason())) {
                ruleIndex.put(f.reason(), ruleIndex.size());
                rules.add(rule(f));
            }
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (String note : notes == null ? List.<String>of() : notes) {
            ObjectNode n = notifications.addObject();
            n.putObject("message").put("text", note);
            n.put("level", "note");
        }

        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.reason());
            r.put("ruleIndex", ruleIndex.get(f.reason()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.objectRef() + ": " + f.message());
            ObjectNode logical = r.putArray("locations").addObject().putArray("logicalLocations").addObject();
            logical.put("name", f.name());
            logical.put("fullyQualifiedName", f.objectRef());
            logical.put("kind", "resource");
            // A stable identity lets dashboards track a finding across runs without line numbers.
            r.putObject("partialFingerprints").put("objectReason/v1", f.objectRef() + "#" + f.reason());
            ObjectNode props = r.putObject("properties");
            props.put("analyzer", f.analyzer());
            props.put("severity", f.severity().wireName());
            props.put("kind", f.kind());
            if (f.namespace() != null) {
                props.put("namespace", f.namespace());
            }
            if (f.parent() != null) {
                props.put("parent", f.parent());
            }
            if (!f.evidence().isEmpty()) {
                ArrayNode evidence = props.putArray("evidence");
                f.evidence().forEach(evidence::add);
            }
            if (f.explanation() != null) {
                props.put("explanation", f.explanation());
            }
        }
        return log;
    }

    /** critical → error, warning → warning, info → note. */
    public static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("id", f.reason());
        rule.put("name", f.reason());
        ReasonCode code = AuditService.ANALYZER.equals(f.analyzer()) ? ReasonCode.byCode(f.reason()).orElse(null) : null;
        String title = code != null ? code.title() : f.analyzer() + " check " + f.reason();
        String help = code != null ? code.help()
                : "See the reason table in the k8s-ai-agent README for when " + f.reason() + " is reported and how to fix it.";
        rule.putObject("shortDescription").put("text", title);
        rule.putObject("help").put("text", help);
        rule.putObject("defaultConfiguration").put("level",
                level(code != null ? code.severity() : f.severity()));
        ObjectNode props = rule.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add(f.analyzer());
        if (code != null && code.pssLevel() != null) {
            tags.add("pod-security-" + code.pssLevel().wireName());
        }
        return rule;
    }
}
