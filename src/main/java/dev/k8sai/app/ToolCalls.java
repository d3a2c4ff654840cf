package dev.k8sai.app;

import dev.k8sai.CancellationToken;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.redact.SecretLedger;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.Observation;
import dev.k8sai.tools.ToolDefinition;
import dev.k8sai.tools.ToolInvocation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's cluster tools called one at a time by a front end other than the agent (the MCP
 * server): kubectl with its parsed, shell-free pipelines and the fabric8 reads. It is the agent's own
 * toolbox, so every call passes the same guard rules and every output the same compaction and
 * redaction as an agent observation; only the approver (who is asked about a change) differs per call.
 */
public final class ToolCalls implements AutoCloseable {

    /** The agent tools a front end may call directly (jq/python work on a session's previous output). */
    public static final Set<String> CALLABLE = Set.of("kubectl", "k8s_get", "k8s_events", "k8s_logs");

    private final KubeConnection connection;
    private final ClusterTarget target;
    private final Map<String, String> env;
    /**
     * One ledger for the whole session, as for one agent run: a value redacted in one call is also
     * scrubbed when a later call reshapes it or finds it under an innocent name.
     */
    private final SecretLedger ledger = new SecretLedger();

    /** Connects to {@code target} (kubeconfig read, nothing contacted yet). */
    public ToolCalls(ClusterTarget target, Map<String, String> env) {
        this.connection = KubeClients.connect(target, env);
        this.target = target.resolvedBy(connection);
        this.env = env;
    }

    public ClusterTarget target() {
        return target;
    }

    /**
     * The callable tools' definitions exactly as the agent offers them to a model. They do not depend on
     * the cluster, so a server lists them before anyone connects (an offline client only renders them).
     */
    public static List<ToolDefinition> definitions(Map<String, String> env) {
        try (KubernetesClient offline = AgentRun.offlineClient()) {
            return AgentTools.build(new ClusterTarget(null, null, null, false), env,
                            new ChangeGuard(ChangeGuard.Policy.REFUSE_ALL, Approver.DECLINE_ALL), offline, false, true,
                            new SecretLedger(), CancellationToken.NONE)
                    .toolbox().definitions().stream().filter(d -> CALLABLE.contains(d.name())).toList();
        }
    }

    /**
     * Runs one tool; {@code guard} decides about changes (its policy and approver belong to the caller).
     * The observation is compacted and redacted; a change that was not approved is refused, not run.
     */
    public Observation call(String tool, String argumentsJson, ChangeGuard guard) {
        if (!CALLABLE.contains(tool)) {
            throw new IllegalArgumentException("not a callable tool: " + tool);
        }
        return tools(guard).toolbox().invoke(new ToolInvocation("call", tool, argumentsJson));
    }

    private AgentTools tools(ChangeGuard guard) {
        return AgentTools.build(target, env, guard, connection.client(), false, true, ledger, CancellationToken.NONE);
    }

    @Override
    public void close() {
        connection.close();
    }
}
