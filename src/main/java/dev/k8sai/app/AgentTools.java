package dev.k8sai.app;

import dev.k8sai.CancellationToken;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.mcp.client.ExternalMcpServers;
import dev.k8sai.redact.Redactor;
import dev.k8sai.redact.SecretLedger;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.ClusterReadTool;
import dev.k8sai.tools.CompactionSettings;
import dev.k8sai.tools.JqTool;
import dev.k8sai.tools.KubectlSettings;
import dev.k8sai.tools.KubectlTool;
import dev.k8sai.tools.ObservationCompactor;
import dev.k8sai.tools.ObservationRedactor;
import dev.k8sai.tools.Pipeline;
import dev.k8sai.tools.PythonTool;
import dev.k8sai.tools.Tool;
import dev.k8sai.tools.Toolbox;
import dev.k8sai.tools.TrivyTool;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tools an agent run offers the model: the real kubectl (cluster, identity and namespace from the
 * run's {@link ClusterTarget}), in-process jq, trivy when installed, python only when enabled in the
 * config, and fabric8 read tools when a client is at hand. Every observation is compacted and
 * redacted; every change goes through the one {@link ChangeGuard}.
 */
record AgentTools(Toolbox toolbox, ChangeGuard guard) {

    /** The kubectl binary: $K8S_AI_AGENT_KUBECTL, else "kubectl" on PATH. */
    static Path kubectlBinary(Map<String, String> env) {
        String configured = env.get("K8S_AI_AGENT_KUBECTL");
        return Path.of(configured == null || configured.isBlank() ? "kubectl" : configured);
    }

    /** Every value the redaction replaces is recorded in {@code ledger}, which the LLM client scrubs with. */
    static AgentTools build(ClusterTarget target, Map<String, String> env, ChangeGuard guard, KubernetesClient clientOrNull,
                            boolean pythonEnabled, boolean compaction, SecretLedger ledger, CancellationToken cancellation) {
        return build(target, env, guard, clientOrNull, pythonEnabled, compaction, ledger, cancellation, ExternalMcpServers.none());
    }

    /** As above, plus the tools of the configured external MCP servers (asking the guard before non-read-only ones). */
    static AgentTools build(ClusterTarget target, Map<String, String> env, ChangeGuard guard, KubernetesClient clientOrNull,
                            boolean pythonEnabled, boolean compaction, SecretLedger ledger, CancellationToken cancellation,
                            ExternalMcpServers external) {
        KubectlSettings kubectl = KubectlSettings.of(kubectlBinary(env), target);
        // Redaction records what it replaces; the ledger then also removes values known from earlier outputs
        // (the same value under an innocent name, or printed raw by jsonpath) before any stage sees them.
        ObservationRedactor redactor = text -> ledger.scrub(Redactor.redact(text, ledger).text());
        ObservationCompactor compactor = new ObservationCompactor(CompactionSettings.DEFAULT.withEnabled(compaction), redactor);
        List<Tool> tools = new ArrayList<>();
        tools.add(new KubectlTool(new Pipeline(kubectl, guard, redactor, cancellation)));
        tools.add(new JqTool());
        if (clientOrNull != null) {
            tools.addAll(ClusterReadTool.all(clientOrNull));
        }
        tools.add(TrivyTool.fromPath(env.get("PATH")));
        if (pythonEnabled) {
            tools.add(new PythonTool(true, guard, null, Duration.ofSeconds(30)));
        }
        // an external tool never replaces a built-in one (a server "k8s" with a tool "get" would be k8s_get)
        java.util.Set<String> taken = new java.util.HashSet<>();
        tools.forEach(t -> taken.add(t.definition().name()));
        external.tools(guard).stream().filter(t -> taken.add(t.definition().name())).forEach(tools::add);
        return new AgentTools(new Toolbox(tools, compactor), guard);
    }
}
