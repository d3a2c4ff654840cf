package dev.k8sai.analyze;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The registry of all analyzers (workloads first, then network/storage/cluster), and --filter selection. */
public final class Analyzers {

    private Analyzers() {
    }

    /** Every analyzer in report order. */
    public static List<Analyzer> all() {
        List<Analyzer> all = new ArrayList<>(WorkloadAnalyzers.all());
        all.addAll(NetworkAnalyzers.all());
        return List.copyOf(all);
    }

    /** The analyzer names --filter accepts, in registry order. */
    public static List<String> names(List<Analyzer> from) {
        return from.stream().map(Analyzer::name).distinct().toList();
    }

    /**
     * The analyzers named in {@code filters} (comma-separated entries allowed, case-insensitive), in
     * registry order; when filters is null or empty, all that are {@linkplain Analyzer#onByDefault on by default}. An unknown name is a usage error
     * listing the valid ones.
     */
    public static List<Analyzer> select(List<Analyzer> from, Collection<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return from.stream().filter(Analyzer::onByDefault).toList();
        }
        Map<String, Analyzer> byName = new LinkedHashMap<>();
        from.forEach(a -> byName.putIfAbsent(a.name().toLowerCase(Locale.ROOT), a));
        Set<String> wanted = new LinkedHashSet<>();
        for (String f : filters) {
            for (String part : f.split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (!byName.containsKey(name)) {
                    throw new AgentException(ExitCodes.USAGE, "unknown analyzer '" + part.strip() + "' in --filter; valid: "
                            + (byName.isEmpty() ? "(none available in this build)" : String.join(", ", byName.keySet())));
                }
                wanted.add(name);
            }
        }
        if (wanted.isEmpty()) {
            throw new AgentException(ExitCodes.USAGE, "--filter names no analyzer; valid: " + String.join(", ", byName.keySet()));
        }
        return from.stream().filter(a -> wanted.contains(a.name().toLowerCase(Locale.ROOT))).toList();
    }

    /**
     * Which custom resource kinds these analyzers read, or null when none: the kinds they name, and
     * with the generic conditions check every custom group except {@code skippedGroups} (opt-out).
     */
    public static Predicate<ResourceKind> customKinds(List<Analyzer> analyzers, Collection<String> skippedGroups) {
        Set<ResourceKind> named = new LinkedHashSet<>();
        analyzers.forEach(a -> named.addAll(a.needsResources()));
        boolean all = analyzers.stream().anyMatch(Analyzer::needsAllCustomResources);
        if (named.isEmpty() && !all) {
            return null;
        }
        Set<String> skipped = skippedGroups == null ? Set.of() : Set.copyOf(skippedGroups);
        return k -> !skipped.contains(k.group())
                && (named.contains(k) || (all && ResourceKind.isCustomGroup(k.group())));
    }

    /** The union of the kinds these analyzers need, for a live source to LIST. */
    public static Set<Class<? extends HasMetadata>> needs(List<Analyzer> analyzers) {
        Set<Class<? extends HasMetadata>> kinds = new LinkedHashSet<>();
        analyzers.forEach(a -> kinds.addAll(a.needs()));
        return kinds;
    }
}
