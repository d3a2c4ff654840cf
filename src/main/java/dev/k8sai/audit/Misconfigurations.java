package dev.k8sai.audit;

import dev.k8sai.audit.Workload.ContainerType;
import dev.k8sai.audit.Workload.ContainerView;
import dev.k8sai.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workload misconfigurations outside the Pod Security Standards. Like the PSS controls, each check
 * yields at most one finding per workload naming every offending container.
 */
final class Misconfigurations {

    /** Name tokens that mark an env var as a credential (matched on _ - . and camelCase boundaries). */
    private static final Set<String> SECRET_TOKENS = Set.of("password", "passwd", "passphrase", "secret", "token",
            "key", "apikey", "accesskey", "privatekey", "credential", "credentials");
    /** A trailing token that says the value is about a secret, not the secret itself (PASSWORD_FILE, TOKEN_TTL). */
    private static final Set<String> NOT_A_VALUE = Set.of("file", "path", "dir", "url", "uri", "ttl", "timeout",
            "expiry", "expiration", "length", "size", "header", "name", "id", "ref", "type", "version", "enabled");
    private static final Pattern PLAIN_SCALAR = Pattern.compile("(?i)-?\\d+(\\.\\d+)?|true|false|yes|no|on|off");
    /** Only $(VAR) references (and separators): the kubelet expands them from other env vars, no literal credential. */
    private static final Pattern ONLY_REFERENCES = Pattern.compile("(\\$\\([A-Za-z_][A-Za-z0-9_.\\-]*\\)|[^A-Za-z0-9$])+");

    private Misconfigurations() {
    }

    record Issue(ReasonCode code, String message) {
    }

    static List<Issue> evaluate(Workload w, ClusterSnapshot snapshot) {
        List<Issue> out = new ArrayList<>();
        // Ephemeral containers cannot declare resources or probes: only init and regular containers count.
        List<ContainerView> declared = w.containers().stream().filter(c -> c.type() != ContainerType.EPHEMERAL).toList();

        List<String> noRequests = new ArrayList<>();
        List<String> noLimits = new ArrayList<>();
        for (ContainerView c : declared) {
            missing(c.resources(), true).ifPresent(m -> noRequests.add(c.label() + " (" + m + ")"));
            missing(c.resources(), false).ifPresent(m -> noLimits.add(c.label() + " (" + m + ")"));
        }
        add(out, ReasonCode.NO_RESOURCE_REQUESTS, noRequests, "no resource requests for %s");
        add(out, ReasonCode.NO_RESOURCE_LIMITS, noLimits, "no resource limits for %s");

        if (!w.batch()) {
            List<ContainerView> main = declared.stream().filter(c -> c.type() == ContainerType.MAIN).toList();
            add(out, ReasonCode.NO_LIVENESS_PROBE,
                    main.stream().filter(c -> c.livenessProbe() == null).map(ContainerView::label).toList(),
                    "no livenessProbe on %s");
            add(out, ReasonCode.NO_READINESS_PROBE,
                    main.stream().filter(c -> c.readinessProbe() == null).map(ContainerView::label).toList(),
                    "no readinessProbe on %s");
        }

        List<String> latest = new ArrayList<>();
        for (ContainerView c : w.containers()) {
            imageTagProblem(c.image()).ifPresent(p -> latest.add(c.label() + " image " + c.image() + " " + p));
        }
        add(out, ReasonCode.LATEST_IMAGE_TAG, latest, "%s");

        List<String> secrets = new ArrayList<>();
        for (ContainerView c : w.containers()) {
            for (EnvVar e : c.env()) {
                // The value itself never enters the message: findings may be sent to an LLM.
                if (e.getValue() != null && looksLikeCredential(e.getName(), e.getValue())) {
                    secrets.add(c.label() + " env " + e.getName());
                }
            }
        }
        add(out, ReasonCode.SECRET_IN_ENV, secrets, "literal value for credential-like %s");

        String sa = serviceAccountName(w);
        automountProblem(w, sa, snapshot).ifPresent(m -> out.add(new Issue(ReasonCode.AUTOMOUNT_SA_TOKEN, m)));
        if ("default".equals(sa)) {
            out.add(new Issue(ReasonCode.DEFAULT_SERVICE_ACCOUNT, "pod runs as service account default"));
        }

        add(out, ReasonCode.WRITABLE_ROOT_FS, declared.stream()
                        .filter(c -> c.securityContext() == null
                                || !Boolean.TRUE.equals(c.securityContext().getReadOnlyRootFilesystem()))
                        .map(ContainerView::label).toList(),
                "readOnlyRootFilesystem is not true for %s");
        return out;
    }

    private static void add(List<Issue> out, ReasonCode code, List<String> items, String format) {
        if (!items.isEmpty()) {
            out.add(new Issue(code, String.format(format, String.join("; ", items))));
        }
    }

    /** The API server copies a limit into an unset request, so a limit also counts as a request. */
    private static Optional<String> missing(ResourceRequirements r, boolean requests) {
        Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
        Map<String, Quantity> reqs = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
        List<String> absent = new ArrayList<>();
        for (String resource : List.of("cpu", "memory")) {
            if (!limits.containsKey(resource) && (!requests || !reqs.containsKey(resource))) {
                absent.add(resource);
            }
        }
        return absent.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", absent));
    }

    /** "uses :latest" / "has no tag" for floating images; digests and explicit versions pass. */
    static Optional<String> imageTagProblem(String image) {
        if (image == null || image.isBlank() || image.contains("@")) {
            return Optional.empty();
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return Optional.of("has no tag (resolves to :latest)");
        }
        return "latest".equals(image.substring(colon + 1)) ? Optional.of("uses :latest") : Optional.empty();
    }

    static boolean looksLikeCredential(String name, String value) {
        if (name == null || value.isBlank() || PLAIN_SCALAR.matcher(value.trim()).matches()
                || ONLY_REFERENCES.matcher(value.trim()).matches()) {
            return false;
        }
        List<String> tokens = Arrays.stream(name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").split("[_\\-.]+"))
                .filter(t -> !t.isEmpty()).map(t -> t.toLowerCase(Locale.ROOT)).toList();
        if (tokens.isEmpty() || NOT_A_VALUE.contains(tokens.get(tokens.size() - 1))) {
            return false;
        }
        return tokens.stream().anyMatch(SECRET_TOKENS::contains);
    }

    private static String serviceAccountName(Workload w) {
        String sa = w.spec().getServiceAccountName();
        if (sa == null || sa.isEmpty()) {
            sa = w.spec().getServiceAccount(); // deprecated alias, still honoured by the API server
        }
        return sa == null || sa.isEmpty() ? "default" : sa;
    }

    /**
     * The token is mounted unless the pod or its ServiceAccount says false (the pod wins when set).
     * When the pod is silent and ServiceAccounts were not collected we cannot tell, so we stay silent.
     */
    private static Optional<String> automountProblem(Workload w, String sa, ClusterSnapshot snapshot) {
        Boolean pod = w.spec().getAutomountServiceAccountToken();
        if (Boolean.FALSE.equals(pod)) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(pod)) {
            return Optional.of("pod sets automountServiceAccountToken: true (service account " + sa + ")");
        }
        if (!snapshot.collected(ServiceAccount.class)) {
            return Optional.empty();
        }
        Optional<ServiceAccount> account = snapshot.get(ServiceAccount.class, w.namespace(), sa);
        if (account.isPresent() && Boolean.FALSE.equals(account.get().getAutomountServiceAccountToken())) {
            return Optional.empty();
        }
        return Optional.of("service account " + sa + " token is automounted (automountServiceAccountToken not false on pod or service account)");
    }
}
