package dev.k8sai.mcp;

import dev.k8sai.AgentException;
import dev.k8sai.CancellationToken;
import dev.k8sai.ErrorCategory;
import dev.k8sai.Mappers;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.app.AnalyzeUseCase;
import dev.k8sai.app.AuditUseCase;
import dev.k8sai.app.DiagnoseUseCase;
import dev.k8sai.app.ExplainRequest;
import dev.k8sai.app.LlmSettings;
import dev.k8sai.audit.AuditOptions;
import dev.k8sai.audit.AuditRenderer;
import dev.k8sai.audit.AuditRequest;
import dev.k8sai.audit.AuditRunner;
import dev.k8sai.audit.AuditService;
import dev.k8sai.audit.PssLevel;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.SnapshotReader;
import dev.k8sai.cluster.SnapshotRequest;
import dev.k8sai.redact.Redactor;
import dev.k8sai.report.StructuredReportRenderer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * analyze, audit, explain_findings and diagnose over MCP: the same use cases as the CLI commands,
 * their JSON results (the findings contract for analyze) redacted before they leave.
 */
final class FindingsToolSpecs {

    private static final String SCOPE = """
            "namespace":{"type":"string","description":"namespace to check; default: the server's -n or the context's namespace"},\
            "allNamespaces":{"type":"boolean","description":"check every namespace"},\
            "labelSelector":{"type":"string","description":"only objects with these labels, e.g. app=web"}""";

    private final LlmSettings llm;
    private final Map<String, String> env;

    FindingsToolSpecs(LlmSettings llm, Map<String, String> env) {
        this.llm = llm;
        this.env = env;
    }

    /** The session's target (its kubeconfig, context and identity) is each call's base. */
    List<ServedTool> all() {
        return List.of(
                ServedTool.of("analyze", "Analyze the cluster",
                        "Rule-based checks of the live cluster (no LLM): findings as JSON (summary, findings with severity, reason, object, evidence, fix).",
                        "{\"type\":\"object\",\"properties\":{" + SCOPE + ",\"filters\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                                + "\"description\":\"only these analyzers, e.g. pod, service\"}}}",
                        ServedTool.Access.READ, (context, args) -> analyze(context, args, false)),
                ServedTool.of("audit", "Security audit",
                        "Security audit (no LLM): Pod Security Standards, misconfigurations, RBAC risk; findings as JSON.",
                        "{\"type\":\"object\",\"properties\":{" + SCOPE + ",\"level\":{\"type\":\"string\",\"enum\":[\"baseline\",\"restricted\"],"
                                + "\"description\":\"Pod Security Standards level, default restricted\"}}}",
                        ServedTool.Access.READ, (context, args) -> audit(base(context), args)),
                ServedTool.of("explain_findings", "Explain findings",
                        "analyze, then the configured LLM explains the most serious findings (cause and fix); object names and secrets are"
                                + " redacted before anything is sent. Findings JSON with explanations.",
                        "{\"type\":\"object\",\"properties\":{" + SCOPE + "}}",
                        ServedTool.Access.READ_WITH_LLM, (context, args) -> analyze(context, args, true)),
                ServedTool.of("diagnose", "Diagnose one object",
                        "A read-only investigation of one object (pod/x, deployment/y…) by the agent with the configured LLM: findings, events,"
                                + " logs, then a report (summary, symptoms, evidence, rootCause, fix, confidence) as JSON. It never changes anything.",
                        "{\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"string\",\"description\":\"e.g. pod/web-1, deployment/api\"},"
                                + "\"namespace\":{\"type\":\"string\"}},\"required\":[\"target\"]}",
                        ServedTool.Access.READ_WITH_LLM, (context, args) -> diagnose(context, args)));
    }

    private static ClusterTarget base(ToolContext context) {
        return context.calls().target();
    }

    private static ClusterTarget target(ClusterTarget base, Map<String, Object> args) {
        String ns = ServedTool.string(args, "namespace");
        boolean all = ServedTool.bool(args, "allNamespaces");
        return new ClusterTarget(base.kubeconfig(), base.context(), ns != null ? ns : base.namespace(),
                all || ns == null && base.allNamespaces(), base.asUser(), base.asGroups());
    }

    private static SnapshotRequest snapshot(ClusterTarget base, Map<String, Object> args) {
        return new SnapshotRequest(null, target(base, args), ServedTool.string(args, "labelSelector"));
    }

    private McpSchema.CallToolResult analyze(ToolContext context, Map<String, Object> args, boolean explain) {
        List<String> filters = args.get("filters") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        LlmSettings settings = explain ? llmWithin(context.budget()) : llm;
        AnalyzeUseCase.Result r = new AnalyzeUseCase(new AnalyzeService(new SnapshotReader(env, InputStream.nullInputStream())), env)
                .run(new AnalyzeUseCase.Request(new AnalyzeRequest(snapshot(base(context), args), filters),
                        explain ? new ExplainRequest(true, true) : null, settings), null);
        if (r.explanation() != null) {
            context.budget().charge(r.explanation().usage().total());
        }
        return redacted(StructuredReportRenderer.JSON.text(r.report()));
    }

    private McpSchema.CallToolResult audit(ClusterTarget base, Map<String, Object> args) {
        String level = ServedTool.string(args, "level");
        AuditOptions options = AuditOptions.defaults();
        if (level != null) {
            PssLevel parsed = PssLevel.parse(level);
            if (parsed == PssLevel.PRIVILEGED) {
                throw new AgentException(ErrorCategory.USAGE, "level privileged would report no Pod Security control; use baseline or restricted");
            }
            options = options.withLevel(parsed);
        }
        AuditUseCase.Result r = new AuditUseCase(new AuditRunner(new AuditService(), new SnapshotReader(env, InputStream.nullInputStream())), env)
                .run(new AuditUseCase.Request(new AuditRequest(snapshot(base, args), options), null, llm), null);
        return redacted(AuditRenderer.json(r.result()));
    }

    private McpSchema.CallToolResult diagnose(ToolContext context, Map<String, Object> args) {
        String what = ServedTool.string(args, "target");
        if (what == null) {
            return ServedTool.error("diagnose needs 'target', e.g. pod/web-1");
        }
        ClusterTarget base = base(context);
        LlmSettings settings = llmWithin(context.budget());
        DiagnoseUseCase.Result r = new DiagnoseUseCase(env).run(new DiagnoseUseCase.Request(List.of(what),
                new ClusterTarget(base.kubeconfig(), base.context(), ServedTool.string(args, "namespace") != null
                        ? ServedTool.string(args, "namespace") : base.namespace(), false, base.asUser(), base.asGroups()),
                settings, true, ""), null, null, CancellationToken.NONE);
        context.budget().charge(r.usage().total());
        try {
            return redacted(Mappers.JSON_PRETTY.writeValueAsString(r.report()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ServedTool.error("diagnose: the report could not be written: " + e.getOriginalMessage());
        }
    }

    /** The model settings capped at what the caller may still spend; {@link TokenBudget.Spent} before any model call. */
    private LlmSettings llmWithin(TokenBudget budget) {
        Integer cap = budget.cap();
        return cap == null ? llm : llm.withMaxTokens(cap);
    }

    /** The redactor the agent's observations go through; these JSON results are the contract, so not compacted. */
    private static McpSchema.CallToolResult redacted(String json) {
        return ServedTool.text(Redactor.redact(json).text(), false);
    }
}
