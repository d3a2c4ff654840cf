package dev.k8sai.testing.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A fresh namespace for one test, deleted afterwards together with cluster-scoped fixture objects. */
public final class TestNamespace {

    private final KubernetesClient client;
    private final String name;
    private final List<HasMetadata> clusterScoped = new ArrayList<>();

    TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Applies a fixture (multi-document YAML, a List, or JSON) into this namespace, objects with their
     * {@code status}: each is created, then its status is written through the status subresource.
     */
    public List<HasMetadata> apply(String yaml) {
        return apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Applies a fixture from the test classpath, e.g. "fixtures/crashloop.yaml". */
    public List<HasMetadata> applyResource(String resource) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<HasMetadata> apply(InputStream in) {
        List<HasMetadata> created = Fixtures.apply(client, name, in);
        for (HasMetadata o : created) {
            if (o.getMetadata().getNamespace() == null) {
                clusterScoped.add(o);
            }
        }
        return created;
    }

    void delete() {
        for (HasMetadata o : clusterScoped) {
            try {
                client.resource(o).withGracePeriod(0).delete();
            } catch (RuntimeException ignored) {
                // best effort: a test may already have deleted it
            }
        }
        try {
            client.namespaces().withName(name).withGracePeriod(0).delete();
        } catch (RuntimeException ignored) {
            // best effort
        }
    }
}
