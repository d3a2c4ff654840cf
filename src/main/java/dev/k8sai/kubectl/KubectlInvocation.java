package dev.k8sai.kubectl;

import java.util.List;
import java.util.Optional;

/**
 * A kubectl argument list as kubectl itself reads it (see {@link KubectlArgsParser}).
 *
 * @param command     the command cobra selects ({@code kubectl rollout status}); the root when no known command word comes first
 * @param options     every option in order, with the flag it sets and its value
 * @param positionals the arguments left for the command (resource types, names…), before {@code --}
 * @param afterDash   what follows {@code --} (e.g. the command of {@code kubectl exec})
 * @param problem     why kubectl would not accept the line as it stands (unknown flag, missing value), or null
 */
public record KubectlInvocation(KubectlFlagTable.Command command, List<Option> options, List<String> positionals,
                                List<String> afterDash, String problem) {

    /** One option: the flag it sets, as written ({@code -o}, {@code --output=json}), and its value. */
    public record Option(KubectlFlagTable.Flag flag, String written, String value) {
        public String name() {
            return flag.name();
        }
    }

    public KubectlInvocation {
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
        afterDash = List.copyOf(afterDash);
    }

    /** The command path, e.g. "rollout status"; "" for the root. */
    public String path() {
        return command.path();
    }

    public boolean understood() {
        return problem == null;
    }

    /** The value of the last occurrence of a flag (pflag: the last one wins). */
    public Optional<String> last(String flagName) {
        Optional<String> v = Optional.empty();
        for (Option o : options) {
            if (o.name().equals(flagName)) {
                v = Optional.of(o.value());
            }
        }
        return v;
    }
}
