package dev.k8sai.cli;

import dev.k8sai.redact.Redactor;
import dev.k8sai.redact.SecretLedger;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.ClusterReadTool;
import dev.k8sai.tools.CompactionSettings;
import dev.k8sai.tools.Confirmer;
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
 * The tools an agent command offers the model, built from the global options: the real kubectl
 * (with a private copy of the user's --kubeconfig/--context/-n target), in-process jq, trivy when installed, python
 * only when enabled in the config, and fabric8 read tools when a client is at hand. Every
 * observation is compacted and redacted; every change goes through one {@link ChangeGuard}.
 */
record AgentToolbox(Toolbox toolbox, ChangeGuard guard) {

    /** The kubectl binary: $K8S_AI_AGENT_KUBECTL, else "kubectl" on PATH. */
    static Path kubectlBinary(Map<String, String> env) {
        String configured = env.get("K8S_AI_AGENT_KUBECTL");
        return Path.of(configured == null || configured.isBlank() ? "kubectl" : configured);
    }

    static AgentToolbox build(GlobalOptions global, Map<String, String> env, Confirmer confirmer, KubernetesClient clientOrNull,
                              boolean pythonEnabled, boolean compaction, SecretLedger ledger) {
        return build(global, env, confirmer, clientOrNull, pythonEnabled, compaction, global.readOnly(), ledger);
    }

    /**
     * As above; {@code readOnly} true refuses every change whatever --yes says (diagnose investigates, it never
     * fixes). Every value the redaction replaces is recorded in {@code ledger}, which the LLM client scrubs with.
     */
    static AgentToolbox build(GlobalOptions global, Map<String, String> env, Confirmer confirmer, KubernetesClient clientOrNull,
                              boolean pythonEnabled, boolean compaction, boolean readOnly, SecretLedger ledger) {
        ChangeGuard guard = new ChangeGuard(ChangeGuard.policyFor(readOnly, global.yes()), confirmer);
        // the user's target, never the model's: kubectl gets it as a private kubeconfig copy (see PrivateKubeconfig)
        KubectlSettings kubectl = new KubectlSettings(kubectlBinary(env), global.kubeconfig(), global.context(), global.namespace(),
                null, List.of(), KubectlSettings.DEFAULT_TIMEOUT, KubectlSettings.DEFAULT_MAX_OUTPUT_BYTES);
        // Redaction records what it replaces; the ledger then also removes values known from earlier outputs
        // (the same value under an innocent name, or printed raw by jsonpath) before any stage sees them.
        ObservationRedactor redactor = text -> ledger.scrub(Redactor.redact(text, ledger).text());
        ObservationCompactor compactor = new ObservationCompactor(CompactionSettings.DEFAULT.withEnabled(compaction), redactor);
        List<Tool> tools = new ArrayList<>();
        tools.add(new KubectlTool(new Pipeline(kubectl, guard, redactor)));
        tools.add(new JqTool());
        if (clientOrNull != null) {
            tools.addAll(ClusterReadTool.all(clientOrNull));
        }
        tools.add(TrivyTool.fromPath());
        if (pythonEnabled) {
            tools.add(new PythonTool(true, guard, null, Duration.ofSeconds(30)));
        }
        return new AgentToolbox(new Toolbox(tools, compactor), guard);
    }
}
