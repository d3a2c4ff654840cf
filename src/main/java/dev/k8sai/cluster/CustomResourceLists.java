package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Discovery and LISTs of custom resources for the live source. The CRDs are the discovery: a kind
 * is listed only when a CRD serves it, at the CRD's storage version (else its first served one), so
 * a cluster without the Gateway API or OLM costs no failed request and yields no note.
 */
final class CustomResourceLists {

    /** One custom kind to list: the version the server serves, its plural and scope. */
    record Target(ResourceKind kind, String version, String plural, boolean namespaced) {
        String apiVersion() {
            return kind.group() + "/" + version;
        }

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(version)
                    .withKind(kind.kind()).withPlural(plural).withNamespaced(namespaced).build();
        }
    }

    private CustomResourceLists() {
    }

    /** The served kinds of these CRDs that {@code wanted} accepts. */
    static List<Target> targets(List<CustomResourceDefinition> crds, Predicate<ResourceKind> wanted) {
        List<Target> targets = new ArrayList<>();
        for (CustomResourceDefinition crd : crds) {
            if (crd.getSpec() == null || crd.getSpec().getNames() == null || crd.getSpec().getVersions() == null) {
                continue;
            }
            ResourceKind kind = new ResourceKind(crd.getSpec().getGroup(), crd.getSpec().getNames().getKind());
            if (!wanted.test(kind)) {
                continue;
            }
            servedVersion(crd).ifPresent(v -> targets.add(new Target(kind, v, crd.getSpec().getNames().getPlural(),
                    "Namespaced".equals(crd.getSpec().getScope()))));
        }
        return targets;
    }

    private static Optional<String> servedVersion(CustomResourceDefinition crd) {
        List<CustomResourceDefinitionVersion> served = crd.getSpec().getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getServed())).toList();
        return served.stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
                .or(() -> served.stream().findFirst()).map(CustomResourceDefinitionVersion::getName);
    }

    /** All pages of one custom kind, in one namespace or (null) all; cluster-scoped kinds cluster-wide. */
    static List<GenericKubernetesResource> list(KubernetesClient client, Target target, String namespace, long pageSize) {
        String path = RawLists.path(target.apiVersion(), target.plural(), target.namespaced() ? namespace : null);
        List<GenericKubernetesResource> objects = RawLists.listAll(client, path, GenericKubernetesResource.class, pageSize,
                null).objects();
        for (GenericKubernetesResource o : objects) {
            // LIST items may lack kind/apiVersion; the snapshot keys custom objects by them.
            o.setApiVersion(target.apiVersion());
            o.setKind(target.kind().kind());
        }
        return objects;
    }
}
