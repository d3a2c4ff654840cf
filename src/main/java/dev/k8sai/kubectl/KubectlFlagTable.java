package dev.k8sai.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pinned kubectl's command tree and flag definitions, generated from kubectl's own cobra/pflag
 * tables by {@code scripts/kubectl-flags.sh} (see {@code tools/testcluster/kubectlflags}) and committed
 * as a resource. With it a command line is read exactly as kubectl reads it: which words are the
 * command path, which flags take the next argument, which need {@code =}.
 */
public final class KubectlFlagTable {

    static final String RESOURCE = "/dev/k8sai/kubectl/kubectl-flags.json";

    /**
     * One pflag flag. {@code noOptDefVal} non-empty means the value is optional and can only be given
     * as {@code --flag=value} (bool flags have "true"); otherwise {@code --flag value} takes the next word.
     */
    public record Flag(String name, String shorthand, String type, String noOptDefVal, boolean persistent) {
        public boolean valueOptional() {
            return !noOptDefVal.isEmpty();
        }
    }

    /** One cobra command; {@code flags} are those defined on it (local and persistent). */
    public record Command(String path, List<String> aliases, boolean runnable, boolean disableFlagParsing,
                          Map<String, Flag> flags, FlagSet flagSet, Map<String, Command> children, Command parent) {

        /** cobra's findNext: a child by name or alias. */
        public Optional<Command> child(String word) {
            Command c = children.get(word);
            if (c != null) {
                return Optional.of(c);
            }
            return children.values().stream().filter(ch -> ch.aliases.contains(word)).findFirst();
        }

        /** The words of the path ("rollout", "status"); empty for the root. */
        public List<String> words() {
            return path.isEmpty() ? List.of() : List.of(path.split(" "));
        }

        @Override
        public String toString() {
            return "kubectl " + path;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * What cobra merges for a command: its own flags plus the persistent flags of every ancestor, by
     * long name and by shorthand; names are normalised as kubectl does ('_' reads as '-').
     */
    public record FlagSet(Map<String, Flag> byName, Map<Character, Flag> byShorthand) {

        static FlagSet merged(Map<String, Flag> own, Command parent) {
            Map<String, Flag> all = new LinkedHashMap<>(own);
            for (Command a = parent; a != null; a = a.parent()) {
                a.flags().values().stream().filter(Flag::persistent).forEach(f -> all.putIfAbsent(f.name(), f));
            }
            Map<Character, Flag> shorthands = new LinkedHashMap<>();
            all.values().stream().filter(f -> f.shorthand().length() == 1).forEach(f -> shorthands.putIfAbsent(f.shorthand().charAt(0), f));
            return new FlagSet(Map.copyOf(all), Map.copyOf(shorthands));
        }

        public Optional<Flag> lookup(String name) {
            return Optional.ofNullable(byName.get(normalize(name)));
        }

        public Optional<Flag> shorthand(char c) {
            return Optional.ofNullable(byShorthand.get(c));
        }

        /** kubectl's cliflag.WordSepNormalizeFunc. */
        public static String normalize(String name) {
            return name.replace('_', '-');
        }
    }

    private static volatile KubectlFlagTable pinned;

    private final String kubectlVersion;
    private final Command root;
    private final Map<String, Command> byPath;

    private KubectlFlagTable(String kubectlVersion, Command root, Map<String, Command> byPath) {
        this.kubectlVersion = kubectlVersion;
        this.root = root;
        this.byPath = byPath;
    }

    /** The table of the kubectl version the project pins (tools/testcluster/go.mod). */
    public static KubectlFlagTable pinned() {
        KubectlFlagTable t = pinned;
        if (t == null) {
            try (InputStream in = KubectlFlagTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                t = parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pinned = t;
        }
        return t;
    }

    static KubectlFlagTable parse(JsonNode doc) {
        Map<String, Command> byPath = new LinkedHashMap<>();
        Command root = null;
        // the generator writes parents before children (depth-first)
        for (JsonNode c : doc.path("commands")) {
            String path = c.path("path").asText();
            Map<String, Flag> flags = new LinkedHashMap<>();
            for (JsonNode f : c.path("flags")) {
                flags.put(f.path("name").asText(), new Flag(f.path("name").asText(), f.path("shorthand").asText(""),
                        f.path("type").asText(), f.path("noOptDefVal").asText(""), f.path("persistent").asBoolean()));
            }
            List<String> aliases = new ArrayList<>();
            c.path("aliases").forEach(a -> aliases.add(a.asText()));
            Command parent = path.isEmpty() ? null : byPath.get(path.contains(" ") ? path.substring(0, path.lastIndexOf(' ')) : "");
            Command cmd = new Command(path, List.copyOf(aliases), c.path("runnable").asBoolean(),
                    c.path("disableFlagParsing").asBoolean(), Map.copyOf(flags), FlagSet.merged(flags, parent),
                    new LinkedHashMap<>(), parent);
            if (parent == null) {
                root = cmd;
            } else {
                parent.children().put(path.substring(path.lastIndexOf(' ') + 1), cmd);
            }
            byPath.put(path, cmd);
        }
        if (root == null) {
            throw new IllegalStateException("kubectl flag table without a root command");
        }
        return new KubectlFlagTable(doc.path("kubectlVersion").asText(), root, Map.copyOf(byPath));
    }

    public String kubectlVersion() {
        return kubectlVersion;
    }

    public Command root() {
        return root;
    }

    /** A command by its path ("rollout status"), "" for the root. */
    public Optional<Command> command(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    public List<Command> commands() {
        return List.copyOf(byPath.values());
    }
}
