package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.CancellationToken;
import dev.k8sai.ErrorCategory;
import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.AgentPrompts;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.diagnose.DiagnosisFacts;
import dev.k8sai.diagnose.DiagnosisReport;
import dev.k8sai.diagnose.DiagnosisSeeder;
import dev.k8sai.diagnose.DiagnosisTarget;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * diagnose: deterministic checks first (analyzers, Warning events, previous logs), then a read-only
 * agent that verifies and extends those facts and answers with a structured report. It never changes
 * the cluster: its guard refuses every write, whatever the front end's policy.
 */
public final class DiagnoseUseCase {

    /**
     * @param what        the object, as the user wrote it: {@code pod/x}, {@code x}, {@code deployment y}
     * @param userContext extra context for the model (already redacted and bounded), "" for none
     */
    public record Request(List<String> what, ClusterTarget target, LlmSettings llm, boolean compaction, String userContext) {
        public Request {
            what = List.copyOf(what);
            userContext = userContext == null ? "" : userContext;
        }
    }

    /** The report (its JSON is the contract), the facts it started from, and what the run cost. */
    public record Result(DiagnosisReport report, DiagnosisFacts facts, AgentResult run, List<ChangeGuard.Decision> decisions,
                         String model, TokenUsage usage, int roundTrips) {
    }

    private final Map<String, String> env;

    public DiagnoseUseCase(Map<String, String> env) {
        this.env = env;
    }

    /** {@code listener} sees every agent step (null: none); {@code usageLine}: one line per round trip. */
    public Result run(Request request, AgentListener listener, Consumer<String> usageLine, CancellationToken cancellation) {
        return run(request, listener, usageLine, cancellation, Progress.Listener.NONE);
    }

    /** As above; {@code progress} hears the stages before the agent starts (connecting, collecting facts). */
    public Result run(Request request, AgentListener listener, Consumer<String> usageLine, CancellationToken cancellation,
                      Progress.Listener progress) {
        checkTarget(request);
        progress.on(new Progress.Connecting());
        LlmConnector llm = new LlmConnector(request.llm(), env);
        // A missing provider configuration fails before the cluster is read.
        var client = llm.client(usageLine);
        try (KubeConnection connection = KubeClients.connect(request.target(), env)) {
            ClusterTarget target = request.target().resolvedBy(connection);
            DiagnosisTarget what = DiagnosisTarget.parse(request.what(), target.namespace());
            progress.on(new Progress.CollectingFacts(what.display()));
            DiagnosisFacts facts = new DiagnosisSeeder().collect(connection, what);
            try (AgentRun run = agent(llm, client, connection, target, request, cancellation)) {
                AgentResult result = run.ask(facts.firstMessage(request.userContext()), listener, null);
                return new Result(DiagnosisReport.of(what, result, facts.findings()), facts, result, run.decisions(),
                        run.model(), run.usage(), run.roundTrips());
            }
        }
    }

    /** The first request, built from the real facts but not sent. */
    public DryRun preview(Request request) {
        checkTarget(request);
        LlmConnector llm = new LlmConnector(request.llm(), env);
        DryRun.Plan plan = llm.dryRunPlan();
        try (KubeConnection connection = KubeClients.connect(request.target(), env)) {
            ClusterTarget target = request.target().resolvedBy(connection);
            DiagnosisFacts facts = new DiagnosisSeeder().collect(connection, DiagnosisTarget.parse(request.what(), target.namespace()));
            AgentRun run = agent(llm, plan.client(), connection, target, request, CancellationToken.NONE);
            return plan.of(List.of(run.previewRequest(facts.firstMessage(request.userContext()))));
        }
    }

    /** A malformed target or -A fails before any connection. */
    private static void checkTarget(Request request) {
        request.llm().agentLimits();
        if (request.target().allNamespaces()) {
            throw new AgentException(ErrorCategory.USAGE, "diagnose investigates one object; name its namespace with -n instead of -A");
        }
        DiagnosisTarget.parse(request.what(), "default");
    }

    private AgentRun agent(LlmConnector llm, dev.k8sai.llm.LlmClient client, KubeConnection connection, ClusterTarget target,
                           Request request, CancellationToken cancellation) {
        // Diagnose never changes the cluster: the guard refuses every write.
        ChangeGuard guard = new ChangeGuard(ChangeGuard.Policy.REFUSE_ALL, Approver.DECLINE_ALL);
        String contextName = target.context() != null ? target.context() : connection.contextName();
        return AgentRun.open(llm, client, connection, false, target, env, guard, request.compaction(), false,
                AgentPrompts.diagnose(contextName, llm.language()), cancellation);
    }
}
