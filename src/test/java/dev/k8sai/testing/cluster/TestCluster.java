package dev.k8sai.testing.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The running test API server: a fabric8 client, its kubeconfig, and the real kubectl next to it. */
public final class TestCluster {

    private final Path kubeconfig;
    private final Path binDir;
    private final KubernetesClient client;

    TestCluster(Path kubeconfig, Path binDir) throws IOException {
        this.kubeconfig = kubeconfig;
        this.binDir = binDir;
        Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        config.setRequestTimeout(30_000);
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Directory holding etcd, kube-apiserver, kube-controller-manager and kubectl. */
    public Path binDir() {
        return binDir;
    }

    public Path kubectlBinary() {
        return binDir.resolve("kubectl");
    }

    /** Runs the real kubectl against this cluster (argument list, no shell). */
    public CommandResult kubectl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(kubectlBinary().toString());
        command.add("--kubeconfig=" + kubeconfig);
        command.addAll(List.of(args));
        return run(command);
    }

    static CommandResult run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new CommandResult(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
