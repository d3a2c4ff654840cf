package dev.k8sai.bench;

import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.cluster.LiveSnapshotSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.file.Path;
import java.util.Set;

/**
 * Timed harness (not a unit test) for live reads, independent of which analyzers are registered:
 * LISTs the kinds the pod/service checks need in one namespace and prints each raw LIST time next
 * to the whole concurrent read. Args: KUBECONFIG NAMESPACE [ROUNDS]. Used by scripts/bench-analyze.sh live.
 */
public final class LiveReadBench {

    private LiveReadBench() {
    }

    public static void main(String[] args) {
        Set<Class<? extends HasMetadata>> kinds = Set.of(Pod.class, Service.class, Event.class, ConfigMap.class,
                Secret.class, ReplicaSet.class, Deployment.class);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (KubeConnection c = KubeClients.connect(Path.of(args[0]), null)) {
            for (int round = 1; round <= rounds; round++) {
                LiveSnapshotSource.Result r = new LiveSnapshotSource(c).collect(kinds, args[1], null);
                StringBuilder sb = new StringBuilder();
                r.timings().forEach(t -> sb.append(String.format(" %s %d/%dp %dms;", t.kind(), t.objects(), t.pages(), t.elapsed().toMillis())));
                System.out.printf("round %d: whole read %d ms; raw LISTs:%s%n", round, r.elapsed().toMillis(), sb);
            }
        }
    }
}
