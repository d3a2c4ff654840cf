package dev.k8sai.kubectl;

import dev.k8sai.kubectl.KubectlFlagTable.Command;
import dev.k8sai.kubectl.KubectlFlagTable.Flag;
import dev.k8sai.kubectl.KubectlFlagTable.FlagSet;
import dev.k8sai.kubectl.KubectlInvocation.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads kubectl arguments exactly as kubectl does, from its own flag tables: first cobra's
 * {@code Command.Find} picks the command path — at each level skipping flags with that level's flag
 * set, where an unknown {@code --flag} or a 2-character {@code -f} is taken to consume the next word —
 * then pflag parses the rest with the chosen command's flags. So in
 * {@code kubectl rollout --field-manager status restart deploy/x} the command is {@code rollout restart},
 * as for kubectl. Ported line by line from cobra 1.9.1 ({@code stripFlags}, {@code argsMinusFirstX}) and
 * pflag 1.0.6 ({@code parseLongArg}, {@code parseSingleShortArg}): no Java library reads cobra command
 * lines, and only the exact algorithm guarantees that no option value can pose as a verb.
 */
public final class KubectlArgsParser {

    private final KubectlFlagTable table;

    public KubectlArgsParser(KubectlFlagTable table) {
        this.table = table;
    }

    public static KubectlArgsParser pinned() {
        return new KubectlArgsParser(KubectlFlagTable.pinned());
    }

    /** {@code args} are kubectl's arguments without the program name. */
    public KubectlInvocation parse(List<String> args) {
        Command command = table.root();
        List<String> rest = args;
        while (true) {
            List<String> words = stripFlags(rest, command.flagSet());
            if (words.isEmpty()) {
                break;
            }
            Optional<Command> next = command.child(words.getFirst());
            if (next.isEmpty()) {
                break;
            }
            rest = argsMinusFirstX(rest, words.getFirst(), command.flagSet());
            command = next.get();
        }
        return parseFlags(command, rest);
    }

    /** cobra's stripFlags: the non-flag words, skipping what it takes for flag values. */
    static List<String> stripFlags(List<String> args, FlagSet flags) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (s.equals("--")) {
                break;
            }
            if (takesNextAsValue(s, flags)) {
                if (args.size() - i - 1 <= 1) {
                    break; // cobra: "-f arg" with nothing after arg ends the search
                }
                i++;
            } else if (!s.isEmpty() && !s.startsWith("-")) {
                commands.add(s);
            }
        }
        return commands;
    }

    /** cobra's argsMinusFirstX: the arguments without the first occurrence of command word {@code x}. */
    static List<String> argsMinusFirstX(List<String> args, String x, FlagSet flags) {
        for (int pos = 0; pos < args.size(); pos++) {
            String s = args.get(pos);
            if (s.equals("--")) {
                break;
            }
            if (takesNextAsValue(s, flags)) {
                pos++;
            } else if (!s.startsWith("-") && s.equals(x)) {
                List<String> out = new ArrayList<>(args.subList(0, pos));
                out.addAll(args.subList(pos + 1, args.size()));
                return out;
            }
        }
        return args;
    }

    /** cobra's guess while finding the command: "--name" (unless known with an optional value) or a bare "-x" eats the next word. */
    private static boolean takesNextAsValue(String s, FlagSet flags) {
        if (s.contains("=")) {
            return false;
        }
        if (s.startsWith("--")) {
            return !flags.lookup(s.substring(2)).map(Flag::valueOptional).orElse(false);
        }
        return s.startsWith("-") && s.length() == 2 && !flags.shorthand(s.charAt(1)).map(Flag::valueOptional).orElse(false);
    }

    /** pflag's parseArgs with the chosen command's flags (interspersed flags and arguments). */
    static KubectlInvocation parseFlags(Command command, List<String> args) {
        FlagSet flags = command.flagSet();
        List<Option> options = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        List<String> afterDash = List.of();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (s.length() < 2 || s.charAt(0) != '-') {
                positionals.add(s);
                continue;
            }
            if (s.equals("--")) {
                afterDash = args.subList(i + 1, args.size());
                break;
            }
            List<String> after = args.subList(i + 1, args.size());
            Step step = s.startsWith("--") ? longArg(s, after, flags) : shortArgs(s, after, flags);
            if (step.problem != null) {
                return new KubectlInvocation(command, options, positionals, List.of(), step.problem);
            }
            options.addAll(step.options);
            i += step.consumed;
        }
        return new KubectlInvocation(command, options, positionals, afterDash, null);
    }

    private record Step(List<Option> options, int consumed, String problem) {
        static Step fail(String problem) {
            return new Step(List.of(), 0, problem);
        }
    }

    private static Step longArg(String s, List<String> after, FlagSet flags) {
        String name = s.substring(2);
        if (name.isEmpty() || name.startsWith("-") || name.startsWith("=")) {
            return Step.fail("bad flag syntax: " + s);
        }
        int eq = name.indexOf('=');
        String bare = eq < 0 ? name : name.substring(0, eq);
        Optional<Flag> flag = flags.lookup(bare);
        if (flag.isEmpty()) {
            return Step.fail("unknown flag: --" + bare);
        }
        if (eq >= 0) {
            return new Step(List.of(new Option(flag.get(), s, name.substring(eq + 1))), 0, null);
        }
        if (flag.get().valueOptional()) {
            return new Step(List.of(new Option(flag.get(), s, flag.get().noOptDefVal())), 0, null);
        }
        if (after.isEmpty()) {
            return Step.fail("flag needs an argument: " + s);
        }
        return new Step(List.of(new Option(flag.get(), s, after.getFirst())), 1, null);
    }

    /**
     * pflag's parseShortArg: a cluster of shorthands ("-vvv", "-it", "-ojson", "-o=json"). As in pflag,
     * every shorthand in the cluster sees the same following argument, so only the last consumes it.
     */
    private static Step shortArgs(String s, List<String> after, FlagSet flags) {
        List<Option> options = new ArrayList<>();
        String shorthands = s.substring(1);
        int consumed = 0;
        while (!shorthands.isEmpty()) {
            char c = shorthands.charAt(0);
            Optional<Flag> flag = flags.shorthand(c);
            if (flag.isEmpty()) {
                return Step.fail("unknown shorthand flag: '" + c + "' in " + s);
            }
            String rest = shorthands.substring(1);
            String value;
            consumed = 0;
            if (shorthands.length() > 2 && shorthands.charAt(1) == '=') {
                value = shorthands.substring(2);
                rest = "";
            } else if (flag.get().valueOptional()) {
                value = flag.get().noOptDefVal();
            } else if (shorthands.length() > 1) {
                value = rest;
                rest = "";
            } else if (!after.isEmpty()) {
                value = after.getFirst();
                consumed = 1;
            } else {
                return Step.fail("flag needs an argument: '" + c + "' in " + s);
            }
            options.add(new Option(flag.get(), "-" + c, value));
            shorthands = rest;
        }
        return new Step(options, consumed, null);
    }
}
