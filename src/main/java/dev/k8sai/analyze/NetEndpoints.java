package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Optional;

/**
 * Counts a Service's ready and not-ready endpoints from whatever was collected: EndpointSlices
 * (discovery.k8s.io/v1, preferred: core Endpoints are deprecated and truncated at 1000 addresses)
 * or else core Endpoints. Empty when neither kind was collected, so callers stay silent.
 */
final class NetEndpoints {

    /** The label the EndpointSlice controller puts on every slice of a Service. */
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    record Counts(int ready, int notReady) {
    }

    private NetEndpoints() {
    }

    static Optional<Counts> of(ClusterSnapshot snapshot, Service service) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        if (snapshot.collected(EndpointSlice.class)) {
            int ready = 0;
            int notReady = 0;
            for (EndpointSlice slice : snapshot.list(EndpointSlice.class, namespace)) {
                var labels = slice.getMetadata().getLabels();
                if (labels == null || !name.equals(labels.get(SERVICE_NAME_LABEL)) || slice.getEndpoints() == null) {
                    continue;
                }
                for (Endpoint e : slice.getEndpoints()) {
                    // API contract: a nil ready condition means "unknown" and consumers treat it as ready.
                    boolean isReady = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
                    // One endpoint is one backend (a pod); consumers use only its first address.
                    if (isReady) {
                        ready++;
                    } else {
                        notReady++;
                    }
                }
            }
            return Optional.of(new Counts(ready, notReady));
        }
        if (snapshot.collected(Endpoints.class)) {
            int ready = 0;
            int notReady = 0;
            Optional<Endpoints> endpoints = snapshot.get(Endpoints.class, namespace, name);
            if (endpoints.isPresent() && endpoints.get().getSubsets() != null) {
                for (EndpointSubset subset : endpoints.get().getSubsets()) {
                    ready += subset.getAddresses() == null ? 0 : subset.getAddresses().size();
                    notReady += subset.getNotReadyAddresses() == null ? 0 : subset.getNotReadyAddresses().size();
                }
            }
            return Optional.of(new Counts(ready, notReady));
        }
        return Optional.empty();
    }
}
