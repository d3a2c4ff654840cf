package dev.k8sai.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.kubectl.KubectlCommandClassifier.Access;
import dev.k8sai.kubectl.KubectlFlagTable.Command;
import dev.k8sai.kubectl.KubectlFlagTable.Flag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated kubectl argument lists: every command kubectl v1.34 knows that is not an allow-listed
 * read, with value-taking options (its own and global ones) inserted at every position, in every
 * written form (--flag value, --flag=value, -f value, --flag_name value), whose values are the words
 * of kubectl's command tree (status, restart, can-i, view-last-applied, set-credentials, get…). The
 * command kubectl runs is known by construction (a value-taking option always consumes its value), so
 * none of them may be classified as a read. The mirror property: reads with verb-named option values
 * stay reads, so the parser really consumes values rather than refusing everything.
 */
class ClassifierPropertyTest {

    private static final KubectlFlagTable TABLE = KubectlFlagTable.pinned();
    private static final long SEED = 20261201L;

    /** Every word that names a command somewhere in kubectl's tree, read paths' words first. */
    private static List<String> verbWords() {
        Set<String> words = new LinkedHashSet<>();
        ReadAllowList.PATHS.keySet().stream().sorted().forEach(p -> words.addAll(List.of(p.split(" "))));
        TABLE.commands().forEach(c -> words.addAll(c.words()));
        words.addAll(List.of("config", "help", "--", "-"));
        return List.copyOf(words);
    }

    private static List<Command> writeCommands() {
        return TABLE.commands().stream()
                .filter(c -> !c.path().isEmpty() && !ReadAllowList.PATHS.containsKey(c.path()))
                .filter(c -> !c.disableFlagParsing())
                .toList();
    }

    /**
     * A flag whose "--name value" form consumes the value at every level cobra passes while looking
     * for the command: unknown there (cobra then assumes a value) or known with a required value.
     */
    private static boolean consumesValueEverywhere(Command target, Flag flag, boolean shorthand) {
        for (Command level = target.parent(); level != null; level = level.parent()) {
            Optional<Flag> there = shorthand ? level.flagSet().shorthand(flag.shorthand().charAt(0)) : level.flagSet().lookup(flag.name());
            if (there.isPresent() && there.get().valueOptional()) {
                return false;
            }
        }
        return !flag.valueOptional();
    }

    /** The written forms of option {@code flag} with value {@code value}. */
    private static List<List<String>> forms(Command target, Flag flag, String value) {
        List<List<String>> forms = new ArrayList<>();
        if (consumesValueEverywhere(target, flag, false)) {
            forms.add(List.of("--" + flag.name(), value));
            if (flag.name().contains("-")) {
                forms.add(List.of("--" + flag.name().replace('-', '_'), value));
            }
        }
        forms.add(List.of("--" + flag.name() + "=" + value));
        if (flag.shorthand().length() == 1 && consumesValueEverywhere(target, flag, true)) {
            forms.add(List.of("-" + flag.shorthand(), value));
        }
        return forms;
    }

    private static List<Flag> sample(List<Flag> flags, int n, Random random) {
        List<Flag> copy = new ArrayList<>(flags);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    @Test
    void noWriteIsEverARead() {
        Random random = new Random(SEED);
        List<String> values = verbWords();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Command w : writeCommands()) {
            List<String> base = new ArrayList<>(w.words());
            base.add("target-1");
            List<Flag> options = w.flagSet().byName().values().stream()
                    .filter(f -> !KubectlCommandClassifier.TARGET_FLAGS.contains(f.name()))
                    .sorted(java.util.Comparator.comparing(Flag::name)).toList();
            for (Flag flag : sample(options, 8, random)) {
                for (String value : values.subList(0, Math.min(values.size(), 40))) {
                    for (int position = 0; position <= base.size(); position++) {
                        for (List<String> form : forms(w, flag, value)) {
                            List<String> argv = new ArrayList<>(base);
                            argv.addAll(position, form);
                            checked++;
                            if (KubectlCommandClassifier.classify(argv).access() == Access.READ) {
                                failures.add("kubectl " + String.join(" ", argv) + " (runs kubectl " + w.path() + ")");
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
        assertThat(failures).as("writes classified as reads").isEmpty();
    }

    @Test
    void optionValuesNamedLikeCommandsNeverChangeTheCommand() {
        // the shapes with every value: the real command is the one after the option's value
        List<String> failures = new ArrayList<>();
        for (String value : verbWords()) {
            for (List<String> argv : List.of(
                    List.of("rollout", "--field-manager", value, "restart", "deployment/d1"),
                    List.of("auth", "--template", value, "reconcile", "-f", "rbac.yaml"),
                    List.of("apply", "--field-manager", value, "-f", "cm.yaml"),
                    List.of("--request-timeout", value, "delete", "ns", "x"),
                    List.of("-n", value, "label", "ns", "x", "a=b"),
                    List.of("certificate", "--output", value, "approve", "csr-1"))) {
                if (KubectlCommandClassifier.classify(argv).access() == Access.READ) {
                    failures.add(String.join(" ", argv));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void configIsNeverAvailableWhereverOptionsStand() {
        List<String> failures = new ArrayList<>();
        Command config = TABLE.command("config").orElseThrow();
        List<Command> subs = new ArrayList<>(config.children().values());
        subs.add(config);
        for (Command sub : subs) {
            List<String> base = new ArrayList<>(sub.words());
            base.add("x");
            for (Flag flag : sub.flagSet().byName().values()) {
                if (KubectlCommandClassifier.TARGET_FLAGS.contains(flag.name())) {
                    continue;
                }
                for (int position = 1; position <= base.size(); position++) {
                    List<String> argv = new ArrayList<>(base);
                    argv.add(position, "--" + flag.name() + "=v");
                    if (KubectlCommandClassifier.classify(argv).access() != Access.NEVER) {
                        failures.add(String.join(" ", argv));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void readsWithVerbNamedValuesStayReads() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var entry : ReadAllowList.PATHS.entrySet()) {
            Command r = TABLE.command(entry.getKey()).orElseThrow();
            List<String> base = new ArrayList<>(r.words());
            for (String option : entry.getValue()) {
                Flag flag = r.flagSet().lookup(option).orElseThrow();
                if (flag.valueOptional() || Set.of("raw", "output").contains(option)) {
                    continue;
                }
                for (String value : List.of("delete", "restart", "set-credentials", "config", "reconcile", "apply")) {
                    for (int position = 0; position <= base.size(); position++) {
                        for (List<String> form : forms(r, flag, value)) {
                            List<String> argv = new ArrayList<>(base);
                            argv.addAll(position, form);
                            checked++;
                            if (KubectlCommandClassifier.classify(argv).access() != Access.READ) {
                                failures.add(String.join(" ", argv) + ": " + KubectlCommandClassifier.classify(argv).reason());
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }
}
