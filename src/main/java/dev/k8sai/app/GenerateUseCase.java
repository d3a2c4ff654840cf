package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.generate.ClusterConnector;
import dev.k8sai.generate.ClusterGateway;
import dev.k8sai.generate.GenerateResult;
import dev.k8sai.generate.GenerateService;
import dev.k8sai.generate.ManifestApplier;
import dev.k8sai.generate.ManifestDiff;
import dev.k8sai.generate.ManifestReviewer;
import dev.k8sai.generate.ManifestValidator;
import dev.k8sai.report.ObjectRef;
import dev.k8sai.report.Finding;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.ChangeRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * generate in two steps: {@link #plan} writes, validates (repairing with the model), reviews and
 * diffs the manifests; {@link #apply} applies a plan after the {@link ChangeGuard} allowed it (the
 * policy: --read-only refuses, --yes allows, otherwise the approver is asked). A front end may show
 * the plan and apply later, or never.
 *
 * <p>Namespace: an explicit target namespace is binding (a namespaced object the model put elsewhere
 * is sent back for repair); without one the context's namespace only fills in where the manifest names none.
 */
public final class GenerateUseCase {

    /** @param maxRepairs most times invalid manifests go back to the model, at least 0 */
    public record Request(String prompt, ClusterTarget target, LlmSettings llm, int maxRepairs) {
        public Request {
            if (prompt == null || prompt.isBlank()) {
                throw new AgentException(ErrorCategory.USAGE, "no prompt: say what to generate");
            }
            if (maxRepairs < 0) {
                throw new AgentException(ErrorCategory.USAGE, "--max-repairs must be 0 or more");
            }
        }
    }

    /**
     * The generated manifests before anything is applied. {@code review} holds the audit's findings
     * (warnings, never a veto); {@code diffs} is empty without a reachable cluster. Close it to
     * release the cluster connection.
     */
    public record Plan(GenerateResult result, List<Finding> review, List<ManifestDiff.Entry> diffs, String model,
                       Optional<ClusterGateway> cluster, ManifestValidator validator) implements AutoCloseable {

        public List<HasMetadata> objects() {
            return result.validation().objects();
        }

        /** Whether applying would change anything (there is a cluster and some object differs). */
        public boolean hasChanges() {
            return diffs.stream().anyMatch(d -> !d.unchanged());
        }

        /** The change as the approver sees it: the exact objects and YAML, the context and namespace. */
        public ChangeRequest changeRequest() {
            int n = objects().size();
            String context = cluster.map(ClusterGateway::contextName).orElse("(none)");
            return new ChangeRequest(ChangeRequest.Kind.MANIFESTS, "Apply " + n + " object" + (n == 1 ? "" : "s")
                    + " to context " + context, "apply", cluster.map(ClusterGateway::defaultNamespace).orElse(null),
                    "server-side apply of generated manifests", objects().stream().map(o -> ObjectRef.of(o).toString()).toList(),
                    result.yaml());
        }

        @Override
        public void close() {
            cluster.ifPresent(ClusterGateway::close);
        }
    }

    /** The outcome of {@link #apply}: the guard's decision, and per object what happened (empty when not allowed). */
    public record Applied(ChangeGuard.Decision decision, List<ManifestApplier.Applied> objects) {
        public long failed() {
            return objects.stream().filter(a -> !a.ok()).count();
        }
    }

    private final Map<String, String> env;
    private final ManifestReviewer reviewer;

    public GenerateUseCase(Map<String, String> env, ManifestReviewer reviewer) {
        this.env = env;
        this.reviewer = reviewer;
    }

    /** The first request, not sent; no cluster is probed ("the current namespace" without -n). */
    public DryRun preview(Request request) {
        LlmConnector llm = new LlmConnector(request.llm(), env);
        return llm.dryRunPlan().of(List.of(GenerateService.firstRequest(request.prompt(), request.target().namespace(),
                llm.language())));
    }

    /**
     * Generates and validates; {@code note} receives one line when no cluster is reachable (then the
     * manifests are validated offline, with no diff). {@code usageLine}: one line per round trip.
     */
    public Plan plan(Request request, Consumer<String> note, Consumer<String> usageLine) {
        return plan(request, note, usageLine, Progress.Listener.NONE);
    }

    /** As above; {@code progress} hears each stage: connecting, generating, validating, repair round k, comparing. */
    public Plan plan(Request request, Consumer<String> note, Consumer<String> usageLine, Progress.Listener progress) {
        LlmConnector llm = new LlmConnector(request.llm(), env);
        // The model first: no point in probing the cluster when no provider is configured.
        var client = llm.client(usageLine);
        progress.on(new Progress.Connecting());
        Optional<ClusterGateway> cluster = ClusterConnector.connect(request.target(), env, note);
        try {
            String given = request.target().namespace();
            String namespace = given != null ? given : cluster.map(ClusterGateway::defaultNamespace).orElse(null);
            ManifestValidator validator = new ManifestValidator(cluster.orElse(null)).requireNamespace(given != null);
            GenerateResult result = new GenerateService(client, validator, namespace, request.maxRepairs(),
                    request.llm().maxTokens(), llm.language()).onRounds(new GenerateService.Rounds() {
                        @Override
                        public void asking(int round, int maxRepairs) {
                            progress.on(round == 0 ? new Progress.Generating() : new Progress.Repairing(round, maxRepairs));
                        }

                        @Override
                        public void validating(boolean serverDryRun) {
                            progress.on(new Progress.Validating(serverDryRun));
                        }
                    }).generate(request.prompt());
            List<Finding> review = result.valid() ? reviewer.review(result.validation().objects()) : List.of();
            if (result.valid() && cluster.isPresent()) {
                progress.on(new Progress.Comparing());
            }
            List<ManifestDiff.Entry> diffs = result.valid() && cluster.isPresent()
                    ? new ManifestDiff(validator, cluster.get()).diff(result.validation().objects()) : List.of();
            return new Plan(result, review, diffs, client.describe(), cluster, validator);
        } catch (RuntimeException e) {
            cluster.ifPresent(ClusterGateway::close);
            throw e;
        }
    }

    /** Applies a valid plan with a cluster, if the guard allows it; per object, like kubectl apply. */
    public Applied apply(Plan plan, ChangeGuard guard) {
        if (!plan.result().valid() || plan.cluster().isEmpty()) {
            throw new IllegalStateException("only a valid plan with a reachable cluster can be applied");
        }
        ChangeGuard.Decision decision = guard.review(plan.changeRequest());
        if (!decision.allowed()) {
            return new Applied(decision, List.of());
        }
        return new Applied(decision, new ArrayList<>(new ManifestApplier(plan.validator(), plan.cluster().get())
                .apply(plan.objects())));
    }
}
