package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
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
        ResourceDefinitionContext context = target.context();
        List<GenericKubernetesResource> objects = new ArrayList<>();
        String token = null;
        do {
            ListOptions options = new ListOptionsBuilder().withLimit(pageSize).withContinue(token).build();
            var resources = client.genericKubernetesResources(context);
            GenericKubernetesResourceList page = target.namespaced() && namespace != null
                    ? resources.inNamespace(namespace).list(options)
                    : target.namespaced() ? resources.inAnyNamespace().list(options) : resources.list(options);
            for (GenericKubernetesResource o : page.getItems()) {
                // LIST items may lack kind/apiVersion; the snapshot keys custom objects by them.
                o.setApiVersion(target.apiVersion());
                o.setKind(target.kind().kind());
                objects.add(o);
            }
            ListMeta meta = page.getMetadata();
            token = meta == null || meta.getContinue() == null || meta.getContinue().isEmpty() ? null : meta.getContinue();
        } while (token != null);
        return objects;
    }
}
