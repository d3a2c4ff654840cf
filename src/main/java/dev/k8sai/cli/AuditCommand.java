package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.audit.AuditOptions;
import dev.k8sai.audit.AuditRenderer;
import dev.k8sai.audit.AuditRequest;
import dev.k8sai.audit.AuditResult;
import dev.k8sai.audit.AuditService;
import dev.k8sai.audit.AuditRunner;
import dev.k8sai.audit.PssLevel;
import dev.k8sai.audit.SarifRenderer;
import dev.k8sai.audit.TrivyOptions;
import dev.k8sai.explain.ExplainResult;
import dev.k8sai.explain.ExplanationCache;
import dev.k8sai.explain.FindingExplainer;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Security audit of workloads: Pod Security Standards, misconfigurations, RBAC, image vulnerabilities.",
                "Exit status: 0 no critical finding, 1 critical findings, 2 usage or connection error."})
public final class AuditCommand implements Callable<Integer> {

    /**
     * --explain sends only the findings worth a model's time: critical and warning, worst first, at
     * most this many (a namespace full of info-level "no liveness probe" would otherwise cost dozens
     * of requests). Documented in docs/audit.md.
     */
    static final int MAX_EXPLAINED = 20;

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    FindingsCommandOptions source = new FindingsCommandOptions();

    /** Environment lookup (LLM config, cache dir, PATH for trivy); tests replace it. */
    Map<String, String> env = System.getenv();

    /** "-f -" reads this; tests replace it. */
    InputStream stdin = System.in;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "restricted",
            description = "Pod Security Standards profile to report: baseline or restricted (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--scan-images", description = "Scan every workload image with trivy (must be on PATH).")
    boolean scanImages;

    @Option(names = "--trivy-offline", description = "With --scan-images: use trivy's cached vulnerability DB, no download.")
    boolean trivyOffline;

    @Option(names = "--trivy-arg", paramLabel = "ARG",
            description = "With --scan-images: pass ARG to trivy (repeatable), e.g. --trivy-arg=--severity=HIGH,CRITICAL.")
    List<String> trivyArgs;


    /** Exit code of an --explain that failed (the report is still printed), or null. */
    private Integer explainFailure;

    @Override
    public Integer call() {
        GlobalOptions g = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions.OutputFormat format = g.output() == null ? GlobalOptions.OutputFormat.text : g.output();
        source.validate(g);
        AuditOptions options = AuditOptions.defaults().withLevel(parseLevel(level));
        if (scanImages) {
            // PATH comes from the command's environment so tests can put a trivy double first.
            options = options.withImageScan(new TrivyOptions(null, env.get("PATH"), trivyOffline, trivyArgs,
                    TrivyOptions.DEFAULT_TIMEOUT, 5));
        } else if (trivyOffline || (trivyArgs != null && !trivyArgs.isEmpty())) {
            throw new AgentException(ExitCodes.USAGE, "--trivy-offline and --trivy-arg need --scan-images");
        }

        // Resolve the LLM before reading the cluster: a missing key should fail in a second, not after a long LIST.
        LlmConnector connector = source.explain ? new LlmConnector(g, env) : null;
        boolean preview = source.explain && g.dryRun();
        LlmClient client = !source.explain ? null
                : preview ? LlmConnector.previewClient(connector.profileForPreview())
                : connector.client(err);

        AuditResult result = new AuditRunner(new AuditService(), stdin).run(
                new AuditRequest(source.file, g.kubeconfig(), g.context(), g.namespace(), g.allNamespaces(), source.selector, options));

        if (source.explain) {
            FindingExplainer explainer = new FindingExplainer(client, ExplanationCache.defaultLocation(env),
                    source.explainOptions(connector.language()),
                    g.maxTokens() == null ? 0 : g.maxTokens());
            List<Finding> top = topFindings(result.report());
            if (preview) {
                LlmConnector.preview(explainer.plan(top), connector.profileForPreview(), out);
                return ExitCodes.OK;
            }
            result = explained(result, top, explainer, err);
        }

        for (String note : result.notes()) {
            err.println("k8s-ai-agent: note: " + note);
        }
        err.flush();
        switch (format) {
            case text -> AuditRenderer.text(result, g.colorEnabled(), out);
            case json -> out.println(AuditRenderer.json(result));
            case yaml -> out.print(AuditRenderer.yaml(result));
            case sarif -> out.println(SarifRenderer.render(result, toolVersion()));
        }
        out.flush();
        return explainFailure != null ? explainFailure : source.exitCode(result.report().hasCritical());
    }

    private static PssLevel parseLevel(String value) {
        try {
            PssLevel parsed = PssLevel.parse(value);
            if (parsed == PssLevel.PRIVILEGED) {
                throw new IllegalArgumentException("--level privileged would report no Pod Security control; use baseline or restricted");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** Critical then warning findings, in report order (worst first), at most {@link #MAX_EXPLAINED}. */
    static List<Finding> topFindings(FindingsReport report) {
        return report.findings().stream().filter(f -> f.severity() != Severity.INFO).limit(MAX_EXPLAINED).toList();
    }

    /**
     * The result with explanations filled in. A provider failure here does not lose the audit: the
     * findings are printed without explanations and a note says why.
     */
    private AuditResult explained(AuditResult result, List<Finding> top, FindingExplainer explainer, PrintWriter err) {
        if (top.isEmpty()) {
            return result;
        }
        List<String> notes = new ArrayList<>(result.notes());
        ExplainResult explained;
        try {
            explained = explainer.explain(top);
        } catch (AgentException e) {
            // The report is still printed; the run exits with the failure's code (3 for the provider).
            explainFailure = e.exitCode();
            notes.add("explanations unavailable: " + e.getMessage());
            return new AuditResult(result.report(), result.workloads(), result.images(), notes);
        }
        Map<Finding, Finding> replaced = new HashMap<>();
        for (int i = 0; i < top.size(); i++) {
            replaced.put(top.get(i), explained.findings().get(i));
        }
        List<Finding> findings = result.report().findings().stream().map(f -> replaced.getOrDefault(f, f)).toList();
        long skipped = result.report().findings().stream().filter(f -> f.severity() != Severity.INFO).count() - top.size();
        if (explained.note() != null) {
            notes.add(explained.note());
        }
        notes.add("explained " + top.size() + " finding(s): " + explained.cacheHits() + " from cache, "
                + explained.requests() + " request(s)" + (skipped > 0 ? "; " + skipped + " more critical/warning finding(s) not explained (limit "
                + MAX_EXPLAINED + ")" : ""));
        return new AuditResult(FindingsReport.of(result.report().source(), findings), result.workloads(),
                result.images(), notes);
    }

    private static String toolVersion() {
        String line = new VersionCommand.Provider().getVersion()[0];
        return line.startsWith("k8s-ai-agent ") ? line.substring("k8s-ai-agent ".length()) : line;
    }
}
