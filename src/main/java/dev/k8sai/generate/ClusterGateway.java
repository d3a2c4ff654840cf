package dev.k8sai.generate;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.KubeConnection;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster operations generate needs, on fabric8: server-side dry run with strict field validation, reading
 * the live object, and server-side apply. Objects are sent as {@link GenericKubernetesResource} built from the
 * model's YAML tree, so the server sees exactly what the model wrote (a typed model class would silently
 * drop or coerce wrong values before the server could judge them).
 */
public final class ClusterGateway implements AutoCloseable {

    /** Field manager recorded in managedFields for everything generate applies. */
    public static final String FIELD_MANAGER = "k8s-ai-agent";

    private final KubernetesClient client;
    private final String contextName;
    private final String defaultNamespace;

    /** Over a bare client (tests): context and namespace as the client's configuration says. */
    public ClusterGateway(KubernetesClient client) {
        this(client, null, null);
    }

    /** Over a connection made by {@link dev.k8sai.cluster.KubeClients#connect}; closing the gateway closes it. */
    public ClusterGateway(KubeConnection connection) {
        this(connection.client(), connection.contextName(), connection.namespace());
    }

    private ClusterGateway(KubernetesClient client, String contextName, String defaultNamespace) {
        this.client = client;
        this.contextName = contextName;
        this.defaultNamespace = defaultNamespace;
    }

    @Override
    public void close() {
        client.close();
    }

    public KubernetesClient client() {
        return client;
    }

    /** The kubeconfig context in use, for the confirmation question. */
    public String contextName() {
        if (contextName != null) {
            return contextName;
        }
        var ctx = client.getConfiguration().getCurrentContext();
        return ctx == null || ctx.getName() == null ? client.getMasterUrl().toString() : ctx.getName();
    }

    /** The namespace objects go to when neither --namespace nor the manifest names one. */
    public String defaultNamespace() {
        if (defaultNamespace != null && !defaultNamespace.isBlank()) {
            return defaultNamespace;
        }
        String ns = client.getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    /**
     * Whether apiVersion/kind is namespaced: the fabric8 model knows built-in kinds; anything else is asked from
     * API discovery. Unknown everywhere → namespaced, the common case for custom resources.
     */
    boolean namespaced(String apiVersion, String kind, Class<?> modelClass) {
        if (modelClass != null) {
            return Namespaced.class.isAssignableFrom(modelClass);
        }
        try {
            APIResourceList list = client.getApiResources(apiVersion);
            if (list != null) {
                for (APIResource r : list.getResources()) {
                    if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
                        return Boolean.TRUE.equals(r.getNamespaced());
                    }
                }
            }
        } catch (KubernetesClientException ignored) {
            // discovery failing is reported by the dry run itself
        }
        return true;
    }

    /**
     * Server-side apply in dry-run mode with strict field validation; problems of layer SERVER, or none.
     * Conflicts are forced here: a field owned by another manager is not something the model can repair, and
     * validation is about whether the server accepts the content. The real {@link #apply} does not force.
     */
    List<ManifestProblem> dryRun(GenericKubernetesResource obj, String object) {
        try {
            client.resource(obj).dryRun().fieldValidation(FieldValidateable.Validation.STRICT)
                    .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            return List.of();
        } catch (KubernetesClientException e) {
            return problems(e, object);
        }
    }

    /**
     * What the object would look like after apply (server defaults filled in), for the diff; empty on error.
     * Forced like {@link #dryRun} so the diff shows the content change even where apply will report a conflict.
     */
    Optional<HasMetadata> dryRunResult(GenericKubernetesResource obj) {
        try {
            return Optional.ofNullable(client.resource(obj).dryRun().fieldManager(FIELD_MANAGER).forceConflicts()
                    .serverSideApply());
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    boolean namespaceExists(String name) {
        try {
            return client.namespaces().withName(name).get() != null;
        } catch (KubernetesClientException e) {
            return true; // cannot tell: let the dry run speak
        }
    }

    /** The live object, or empty when it does not exist. */
    Optional<GenericKubernetesResource> live(GenericKubernetesResource obj) {
        try {
            return Optional.ofNullable(client.resource(obj).get());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw new AgentException(ExitCodes.USAGE, "cannot read " + dev.k8sai.report.ObjectRef.of(obj).toString() + ": " + oneLine(e), null, e);
        }
    }

    /** Server-side apply without forcing conflicts: a field owned by another manager makes this fail, by design. */
    HasMetadata apply(GenericKubernetesResource obj) {
        return client.resource(obj).fieldManager(FIELD_MANAGER).serverSideApply();
    }

    static List<ManifestProblem> problems(KubernetesClientException e, String object) {
        List<ManifestProblem> out = new ArrayList<>();
        Status status = e.getStatus();
        if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause c : status.getDetails().getCauses()) {
                String field = c.getField() == null ? "" : c.getField().replaceFirst("^\\.", "");
                out.add(new ManifestProblem(object, field, c.getMessage() == null ? String.valueOf(c.getReason()) : c.getMessage(),
                        ManifestProblem.Layer.SERVER));
            }
        }
        if (out.isEmpty()) {
            out.add(new ManifestProblem(object, "", oneLine(e), ManifestProblem.Layer.SERVER));
        }
        return out;
    }

    /** fabric8's text when the cluster serves no such apiVersion/kind, followed by the whole object's toString. */
    private static final java.util.regex.Pattern NO_HANDLER = java.util.regex.Pattern.compile(
            "^Could not find a registered handler for item: \\[\\w+\\(apiVersion=([^,]*), kind=([^,]*),");

    static String oneLine(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (m == null) {
            return "HTTP " + e.getCode();
        }
        if (m.startsWith("Could not find a registered handler")) {
            java.util.regex.Matcher found = NO_HANDLER.matcher(m);
            return found.find()
                    ? "the cluster has no kind " + found.group(2) + " in apiVersion " + found.group(1)
                            + ": check the apiVersion (e.g. Deployment is apps/v1, Ingress networking.k8s.io/v1)"
                    : "the cluster has no such apiVersion/kind: check the object's apiVersion and kind";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
