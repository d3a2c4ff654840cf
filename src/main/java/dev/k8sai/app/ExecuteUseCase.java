package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.CancellationToken;
import dev.k8sai.agent.AgentPrompts;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * execute and chat: an agent that carries out instructions with kubectl and friends on the
 * {@link ClusterTarget}, asking the {@link Approver} before any change (unless the policy decides).
 */
public final class ExecuteUseCase {

    /**
     * @param policy     --read-only (refuse), --yes (allow) or ask the approver
     * @param compaction compact tool outputs before the model sees them (always redacted)
     */
    public record Request(ClusterTarget target, LlmSettings llm, ChangeGuard.Policy policy, boolean compaction) {
    }

    private final Map<String, String> env;

    public ExecuteUseCase(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Opens a conversation. {@code usageLine} gets one line per LLM round trip (null: none);
     * {@code cancellation} stops it between steps and ends a running kubectl.
     */
    public AgentRun open(Request request, Approver approver, Consumer<String> usageLine, CancellationToken cancellation) {
        return open(request, approver, usageLine, cancellation, Progress.Listener.NONE);
    }

    /** As above; {@code progress} hears when the connection is being opened (before the first model call). */
    public AgentRun open(Request request, Approver approver, Consumer<String> usageLine, CancellationToken cancellation,
                         Progress.Listener progress) {
        progress.on(new Progress.Connecting());
        request.llm().agentLimits();
        LlmConnector llm = new LlmConnector(request.llm(), env);
        var client = llm.client(usageLine);
        KubeConnection connection = KubeClients.connect(request.target(), env);
        try {
            // An unreachable cluster is one line now, not after the model's first reply (which costs tokens and seconds).
            connection.checkReachable();
            ClusterTarget target = request.target().resolvedBy(connection);
            return AgentRun.open(llm, client, connection, true, target, env, new ChangeGuard(request.policy(), approver),
                    request.compaction(), AgentRun.pythonEnabled(llm), systemPrompt(target, llm), cancellation);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The first request, built but not sent. Opening a client reads the kubeconfig but contacts
     * nothing; without one ({@code note} says why) the preview still lists the same tools.
     */
    public DryRun preview(Request request, String firstMessage, Consumer<String> note) {
        request.llm().agentLimits();
        LlmConnector llm = new LlmConnector(request.llm(), env);
        DryRun.Plan plan = llm.dryRunPlan();
        KubeConnection connection = null;
        try {
            connection = KubeClients.connect(request.target(), env);
        } catch (AgentException e) {
            note.accept(e.getMessage() + "; previewing without cluster details");
        }
        ClusterTarget target = connection == null ? request.target() : request.target().resolvedBy(connection);
        try (AgentRun run = AgentRun.open(llm, plan.client(), connection, true, target, env,
                new ChangeGuard(request.policy(), Approver.DECLINE_ALL), request.compaction(), AgentRun.pythonEnabled(llm),
                systemPrompt(target, llm), CancellationToken.NONE)) {
            run.takeNotes().forEach(note);
            return plan.of(List.of(run.previewRequest(firstMessage)));
        }
    }

    private static String systemPrompt(ClusterTarget target, LlmConnector llm) {
        String context = target.context() != null ? target.context() : "(current context)";
        String namespace = target.allNamespaces() ? "(all namespaces: use -A)"
                : target.namespace() != null ? target.namespace() : "default";
        return AgentPrompts.execute(context, namespace, llm.language());
    }
}
