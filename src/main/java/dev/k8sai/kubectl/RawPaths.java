package dev.k8sai.kubectl;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code kubectl get --raw PATH} requests only read: API discovery, objects and lists, health
 * and metrics, never a subresource that reaches into a pod or node (proxy, exec, attach, portforward)
 * and never a watch or follow that would not finish. The path is checked as kubectl sends it, so
 * nothing encoded ({@code %}), relative ({@code ..}) or absolute (a URL) passes.
 */
final class RawPaths {

    private static final Pattern SHAPE = Pattern.compile("/[A-Za-z0-9._/:=,\\-]*(\\?[A-Za-z0-9._/:=,&\\-]*)?");
    private static final Pattern ROOTS = Pattern.compile("/(api|apis|openapi|version|healthz|livez|readyz|metrics)(/.*)?(\\?.*)?");
    private static final Set<String> REACHING_SEGMENTS = Set.of("proxy", "exec", "attach", "portforward", "watch");
    private static final Set<String> ENDLESS_PARAMETERS = Set.of("watch", "follow");

    private RawPaths() { }

    static Optional<String> whyNotReadable(String raw) {
        if (!SHAPE.matcher(raw).matches() || raw.contains("..") || raw.contains("//")) {
            return Optional.of("--raw " + raw + " is not a plain API path");
        }
        if (!ROOTS.matcher(raw).matches()) {
            return Optional.of("--raw " + raw + " is outside the API, health and metrics endpoints");
        }
        int q = raw.indexOf('?');
        String path = q < 0 ? raw : raw.substring(0, q);
        for (String segment : path.split("/")) {
            if (REACHING_SEGMENTS.contains(segment)) {
                return Optional.of("--raw " + raw + " reaches through the API server into a pod, service or node (" + segment + ")");
            }
        }
        if (q >= 0) {
            for (String parameter : raw.substring(q + 1).split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (ENDLESS_PARAMETERS.contains(name)) {
                    return Optional.of("--raw " + raw + " asks for a stream that never finishes (" + name + ")");
                }
            }
        }
        return Optional.empty();
    }
}
