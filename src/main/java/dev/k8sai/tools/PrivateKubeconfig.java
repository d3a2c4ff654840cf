package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kubeconfig the model's kubectl commands run with: a minified copy holding only the session's
 * context, its cluster and user (certificates embedded), with the session's namespace. Each command
 * gets a fresh copy in a new 0700 directory as a 0400 file, named by the child's KUBECONFIG variable
 * and deleted when the command ends. So even an approved command cannot change the user's kubeconfig,
 * and whatever a command did to its copy is gone before the next one runs.
 *
 * <p>The minified content comes from the pinned kubectl itself ({@code config view --minify --flatten}):
 * it merges KUBECONFIG lists, resolves relative certificate paths and applies --context exactly as the
 * kubectl that will use the copy, which a hand-written kubeconfig merger would have to imitate.
 */
final class PrivateKubeconfig {

    /** kubectl preferences (kuberc: aliases, default flags) would change what a command means; they stay off. */
    static final Map<String, String> NO_PREFERENCES = Map.of("KUBERC", "off", "KUBECTL_KUBERC", "false");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubectlSettings settings;
    private byte[] content;

    PrivateKubeconfig(KubectlSettings settings) {
        this.settings = settings;
    }

    /** What {@link #run} hands its action: the file and the environment the child process must get. */
    record Copy(Path file, Map<String, String> environment) { }

    @FunctionalInterface
    interface Action<T> {
        T run(Copy copy) throws IOException;
    }

    /** Runs {@code action} with a fresh private copy, deleted afterwards whatever happens. */
    <T> T run(Action<T> action) throws IOException {
        byte[] bytes = content();
        Path dir = Files.createTempDirectory("k8s-ai-agent-kube-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("config");
        try {
            Files.write(file, bytes);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            Map<String, String> env = new java.util.HashMap<>(NO_PREFERENCES);
            env.put("KUBECONFIG", file.toString());
            return action.run(new Copy(file, Map.copyOf(env)));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private synchronized byte[] content() throws IOException {
        if (content == null) {
            content = minify();
        }
        return content;
    }

    private byte[] minify() throws IOException {
        List<String> command = new ArrayList<>(List.of(settings.kubectlBinary().toString(), "config", "view", "--minify", "--flatten", "-o", "json"));
        if (settings.kubeconfig() != null) {
            command.add("--kubeconfig=" + settings.kubeconfig());
        }
        if (settings.context() != null) {
            command.add("--context=" + settings.context());
        }
        ProcessRunner.Result r = ProcessRunner.run(command, NO_PREFERENCES, settings.timeout(), 4 << 20, 16 << 10, null);
        if (r.exitCode() != 0 && noKubeconfigAnywhere()) {
            // inside a pod without any kubeconfig: an empty one lets kubectl use the service account, as before
            return "{\"apiVersion\":\"v1\",\"kind\":\"Config\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (r.exitCode() != 0 || r.stdoutTruncated()) {
            String why = r.stderr().strip().lines().findFirst().orElse(r.timedOut() ? "timed out" : "exit code " + r.exitCode());
            throw new IOException("the kubeconfig could not be read (" + why.replaceFirst("^error: ", "") + ")");
        }
        JsonNode config = JSON.readTree(r.stdout());
        if (settings.namespace() != null) {
            for (JsonNode context : config.path("contexts")) {
                if (context.path("context") instanceof ObjectNode c) {
                    c.put("namespace", settings.namespace());
                }
            }
        }
        return JSON.writeValueAsBytes(config);
    }

    private boolean noKubeconfigAnywhere() {
        String env = System.getenv("KUBECONFIG");
        return settings.kubeconfig() == null && (env == null || env.isBlank())
                && !Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }
}
