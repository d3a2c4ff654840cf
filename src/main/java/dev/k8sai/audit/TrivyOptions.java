package dev.k8sai.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to find and run trivy.
 *
 * @param binary     an explicit trivy executable, or null to look up {@code trivy} on {@code searchPath}
 * @param searchPath a PATH-style list of directories (the run's PATH), or null: trivy is not looked for
 * @param offline    adds --skip-db-update --offline-scan (use a DB already cached by trivy)
 * @param extraArgs  passed through before the image name, e.g. --severity HIGH,CRITICAL
 * @param timeout    per image; the process is killed when it is exceeded
 * @param topCves    how many vulnerabilities a summary names
 */
public record TrivyOptions(Path binary, String searchPath, boolean offline, List<String> extraArgs,
                           Duration timeout, int topCves) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public TrivyOptions {
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        topCves = topCves <= 0 ? 5 : topCves;
    }

    public static TrivyOptions defaults() {
        return new TrivyOptions(null, null, false, List.of(), DEFAULT_TIMEOUT, 5);
    }

    public TrivyOptions withSearchPath(String path) {
        return new TrivyOptions(binary, path, offline, extraArgs, timeout, topCves);
    }

}
