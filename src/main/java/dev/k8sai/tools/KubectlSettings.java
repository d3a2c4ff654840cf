package dev.k8sai.tools;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this session runs kubectl. {@code kubeconfig} and {@code context} come from the user's flags
 * (null = kubectl's own default) and are injected into every command; the model cannot choose them.
 */
public record KubectlSettings(Path kubectlBinary, Path kubeconfig, String context, Duration timeout, int maxOutputBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    public KubectlSettings {
        if (kubectlBinary == null) {
            kubectlBinary = Path.of("kubectl");
        }
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (maxOutputBytes <= 0) {
            maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
        }
    }

    public static KubectlSettings defaults(Path kubeconfig, String context) {
        return new KubectlSettings(Path.of("kubectl"), kubeconfig, context, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES);
    }
}
