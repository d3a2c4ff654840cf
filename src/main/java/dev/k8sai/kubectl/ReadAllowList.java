package dev.k8sai.kubectl;

import dev.k8sai.kubectl.KubectlInvocation.Option;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The only kubectl invocations that run without a human's confirmation: a command path that only
 * reads, with options from that path's list (plus a few harmless global ones), each with an
 * acceptable value. Everything else — unknown commands (possibly a local kubectl-NAME plugin), unknown
 * or unlisted options, options that read local files, follow or watch forever, or send requests
 * through the API server's proxy — is not a read. Option names here are checked against the pinned
 * kubectl's flag table by a test.
 */
public final class ReadAllowList {

    /** Global flags that change neither the target nor local state. */
    static final Set<String> GLOBAL = Set.of("namespace", "request-timeout", "warnings-as-errors", "match-server-version",
            "disable-compression", "help");

    private static final Set<String> PRINT = Set.of("output", "template", "allow-missing-template-keys", "show-managed-fields");

    /** Read-only command paths and the local options each may carry. */
    static final Map<String, Set<String>> PATHS = Map.ofEntries(
            Map.entry("get", with(PRINT, "all-namespaces", "chunk-size", "field-selector", "ignore-not-found", "label-columns",
                    "no-headers", "raw", "selector", "server-print", "show-kind", "show-labels", "sort-by", "subresource")),
            Map.entry("describe", Set.of("all-namespaces", "chunk-size", "selector", "show-events")),
            Map.entry("logs", Set.of("all-containers", "all-pods", "container", "ignore-errors", "limit-bytes", "max-log-requests",
                    "pod-running-timeout", "prefix", "previous", "selector", "since", "since-time", "tail", "timestamps")),
            Map.entry("top node", Set.of("no-headers", "selector", "show-capacity", "sort-by", "use-protocol-buffers")),
            Map.entry("top pod", Set.of("all-namespaces", "containers", "field-selector", "no-headers", "selector", "sort-by",
                    "sum", "use-protocol-buffers")),
            Map.entry("explain", Set.of("api-version", "output", "recursive")),
            Map.entry("api-resources", Set.of("api-group", "cached", "categories", "namespaced", "no-headers", "output", "sort-by", "verbs")),
            Map.entry("api-versions", Set.of()),
            Map.entry("version", Set.of("client", "output")),
            Map.entry("cluster-info", Set.of()),
            // dump prints what get and logs print; --output-directory (local files) is not listed
            Map.entry("cluster-info dump", with(PRINT, "all-namespaces", "namespaces", "pod-running-timeout")),
            Map.entry("events", with(PRINT, "all-namespaces", "chunk-size", "for", "no-headers", "types")),
            Map.entry("auth can-i", Set.of("all-namespaces", "list", "no-headers", "quiet", "subresource")),
            Map.entry("auth whoami", PRINT),
            Map.entry("rollout status", Set.of("revision", "timeout", "watch")),
            Map.entry("rollout history", with(PRINT, "revision")),
            Map.entry("apply view-last-applied", Set.of("all", "output", "selector")));

    /** Output formats that read a local file (the template) rather than only printing. */
    private static final Pattern FILE_FORMAT = Pattern.compile("(?i)(jsonpath-file|go-template-file|templatefile|custom-columns-file)(=.*)?");

    private ReadAllowList() { }

    private static Set<String> with(Set<String> base, String... more) {
        return Set.copyOf(java.util.stream.Stream.concat(base.stream(), Set.of(more).stream()).toList());
    }

    /** Empty when the invocation is an allow-listed read; otherwise why it is not. */
    static Optional<String> whyNotRead(KubectlInvocation inv) {
        Set<String> allowed = PATHS.get(inv.path());
        if (allowed == null) {
            return Optional.of("'kubectl " + inv.path() + "' is not a known read-only command");
        }
        for (Option o : inv.options()) {
            if (!allowed.contains(o.name()) && !GLOBAL.contains(o.name())) {
                return Optional.of("option " + o.written() + " is not on the read-only list of 'kubectl " + inv.path() + "'");
            }
            Optional<String> bad = badValue(inv, o);
            if (bad.isPresent()) {
                return bad;
            }
        }
        if (!inv.afterDash().isEmpty()) {
            return Optional.of("arguments after '--' are passed on by kubectl");
        }
        return Optional.empty();
    }

    private static Optional<String> badValue(KubectlInvocation inv, Option o) {
        return switch (o.name()) {
            case "output" -> FILE_FORMAT.matcher(o.value()).matches()
                    ? Optional.of("-o " + o.value() + " reads a local template file") : Optional.empty();
            case "raw" -> RawPaths.whyNotReadable(o.value());
            case "watch" -> inv.path().equals("rollout status") ? Optional.empty() : Optional.of(o.written() + " never finishes");
            default -> Optional.empty();
        };
    }
}
