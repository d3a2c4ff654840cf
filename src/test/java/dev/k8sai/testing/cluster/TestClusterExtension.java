package dev.k8sai.testing.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the real test API server once per JVM through scripts/test-cluster.sh (reusing one that is
 * already running, e.g. started by hand or by another test JVM, and stopping only what it started),
 * and resolves {@link TestCluster} and per-test {@link TestNamespace} parameters.
 */
public final class TestClusterExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(TestClusterExtension.class);
    private static TestCluster cluster;

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == TestCluster.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        TestCluster running = cluster();
        if (p.getParameter().getType() == TestCluster.class) {
            return running;
        }
        return c.getStore(STORE).getOrComputeIfAbsent("namespace", k -> newNamespace(running), TestNamespace.class);
    }

    @Override
    public void afterEach(ExtensionContext c) {
        TestNamespace ns = c.getStore(STORE).remove("namespace", TestNamespace.class);
        if (ns != null) {
            ns.delete();
        }
    }

    public static synchronized TestCluster cluster() {
        if (cluster == null) {
            cluster = start();
        }
        return cluster;
    }

    private static TestNamespace newNamespace(TestCluster c) {
        String name = "t-" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36).toLowerCase(Locale.ROOT);
        c.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
        return new TestNamespace(c.client(), name);
    }

    private static TestCluster start() {
        Path root = Path.of(System.getProperty("k8sai.repoRoot", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = root.resolve("scripts/test-cluster.sh");
        boolean wasRunning = TestCluster.run(List.of(script.toString(), "status")).ok();
        CommandResult started = TestCluster.run(List.of(script.toString(), "start"));
        if (!started.ok()) {
            throw new ParameterResolutionException("scripts/test-cluster.sh start failed:\n" + started.stderr());
        }
        Path kubeconfig = null;
        Path binDir = null;
        for (String line : started.stdout().split("\n")) {
            if (line.startsWith("export KUBECONFIG=")) {
                kubeconfig = Path.of(line.substring("export KUBECONFIG=".length()));
            } else if (line.startsWith("export K8S_AI_AGENT_TESTBIN=")) {
                binDir = Path.of(line.substring("export K8S_AI_AGENT_TESTBIN=".length()));
            }
        }
        if (kubeconfig == null || binDir == null || !Files.exists(kubeconfig)) {
            throw new ParameterResolutionException("test-cluster.sh start printed no usable env:\n" + started.stdout());
        }
        if (!wasRunning) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestCluster.run(List.of(script.toString(), "stop"))));
        }
        try {
            return new TestCluster(kubeconfig, binDir);
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("cannot read " + kubeconfig, e);
        }
    }
}
