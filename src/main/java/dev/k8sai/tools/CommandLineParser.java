package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a model-written command line ("kubectl get pods -o json | jq -r '.items[].metadata.name' | sort")
 * into pipeline stages with POSIX-shell quoting rules (single quotes, double quotes, backslash), without
 * ever invoking a shell. Anything that a shell would treat as control syntax — sequencing, background
 * jobs, substitutions, variable expansion, redirections, subshells, comments — is rejected with a
 * message the model can act on, rather than silently passed through as a literal argument.
 *
 * <p>Hand-written because no Java library parses shell words while refusing the dangerous constructs;
 * general tokenizers (e.g. commons-exec) would quietly keep {@code ;} or {@code $(...)} as text.
 */
public final class CommandLineParser {

    /** In-process stages that may follow kubectl. */
    public static final Set<String> PIPE_STAGES = Set.of(
            "jq", "grep", "wc", "head", "tail", "sort", "uniq", "cut", "awk", "tr", "column");

    static final String SUPPORTED =
            "Supported: one kubectl command, optionally piped (|) into " + String.join(", ", PIPE_STAGES.stream().sorted().toList()) + ".";

    private CommandLineParser() { }

    public static ParsedCommand parse(String line) {
        if (line == null || line.isBlank()) {
            throw new CommandRejectedException("Empty command. " + SUPPORTED);
        }
        List<List<String>> stages = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            switch (c) {
                case ' ', '\t' -> {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                }
                case '\n', '\r' -> {
                    if (line.substring(i).isBlank()) {
                        i = n; // trailing newline is harmless
                    } else {
                        throw reject("Multiple lines are not supported: send one command per tool call.");
                    }
                }
                case '\'' -> {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw reject("Unterminated single quote.");
                    }
                    word.append(line, i + 1, end);
                    inWord = true;
                    i = end;
                }
                case '"' -> {
                    i = doubleQuoted(line, i + 1, word);
                    inWord = true;
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw reject("Trailing backslash.");
                    }
                    char next = line.charAt(++i);
                    if (next != '\n') { // backslash-newline is a line continuation
                        word.append(next);
                        inWord = true;
                    }
                }
                case '|' -> {
                    if (i + 1 < n && line.charAt(i + 1) == '|') {
                        throw reject("'||' is not supported: run one command per tool call and decide yourself what to run next.");
                    }
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    if (words.isEmpty()) {
                        throw reject("Empty pipeline stage around '|'.");
                    }
                    stages.add(List.copyOf(words));
                    words.clear();
                }
                case ';' -> throw reject("';' is not supported: run one command per tool call.");
                case '&' -> throw reject(i + 1 < n && line.charAt(i + 1) == '&'
                        ? "'&&' is not supported: run one command per tool call and decide yourself what to run next."
                        : "'&' (background jobs, 2>&1) is not supported: stderr is already returned to you and commands run in the foreground.");
                case '`' -> throw reject("Command substitution with backticks is not supported: run the inner command first, then use its output in the next tool call.");
                case '$' -> {
                    if (i + 1 < n && line.charAt(i + 1) == '(') {
                        throw reject("Command substitution $(...) is not supported: run the inner command first, then use its output in the next tool call.");
                    }
                    if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1)) && line.charAt(i + 1) != '|') {
                        throw reject("Variable expansion ($...) is not supported: write the literal value. If '$' belongs to a jq or awk program, put it in single quotes.");
                    }
                    word.append(c);
                    inWord = true;
                }
                case '>', '<' -> throw reject("Redirections (<, >, 2>, here-docs) are not supported: output (including stderr) comes back to you directly and nothing can be written to files.");
                case '(', ')' -> throw reject("Subshells and grouping with '(' ')' are not supported; quote the parentheses if they are part of an argument (for example a jq filter in single quotes).");
                case '#' -> {
                    if (!inWord) {
                        throw reject("Shell comments ('#') are not supported; quote '#' if it is part of an argument.");
                    }
                    word.append(c);
                }
                default -> {
                    word.append(c);
                    inWord = true;
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw reject(stages.isEmpty() ? "Empty command." : "The command ends with '|' but has no stage after it.");
        }
        stages.add(List.copyOf(words));
        validateStageNames(stages);
        return new ParsedCommand(line.strip(), stages);
    }

    /** Reads a double-quoted string starting after the opening quote; returns the index of the closing quote. */
    private static int doubleQuoted(String line, int i, StringBuilder word) {
        int n = line.length();
        for (; i < n; i++) {
            char c = line.charAt(i);
            switch (c) {
                case '"' -> {
                    return i;
                }
                case '\\' -> {
                    if (i + 1 < n && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                        char next = line.charAt(++i);
                        if (next != '\n') {
                            word.append(next);
                        }
                    } else {
                        word.append(c); // POSIX: backslash stays literal before other characters
                    }
                }
                case '`' -> throw reject("Command substitution with backticks is not supported, even inside double quotes. Use single quotes for literal text.");
                case '$' -> {
                    if (i + 1 < n && line.charAt(i + 1) != '"' && !Character.isWhitespace(line.charAt(i + 1))) {
                        throw reject("'$' inside double quotes would be expanded by a shell and is not supported. Use single quotes around jq/awk programs, e.g. awk '{print $1}'.");
                    }
                    word.append(c);
                }
                default -> word.append(c);
            }
        }
        throw reject("Unterminated double quote.");
    }

    private static void validateStageNames(List<List<String>> stages) {
        String first = stages.getFirst().getFirst();
        if (!first.equals("kubectl")) {
            if (first.contains("=")) {
                throw reject("Environment variable assignments are not supported; the session already chose the cluster and kubeconfig.");
            }
            throw reject("The command must start with kubectl, not '" + first + "'. " + SUPPORTED);
        }
        for (int s = 1; s < stages.size(); s++) {
            String name = stages.get(s).getFirst();
            if (name.equals("xargs")) {
                throw reject("xargs is not supported: it would run further commands. Run each follow-up kubectl command yourself in a separate tool call.");
            }
            if (name.equals("kubectl")) {
                throw reject("kubectl may only be the first stage of a pipeline. " + SUPPORTED);
            }
            if (!PIPE_STAGES.contains(name)) {
                throw reject("'" + name + "' is not available as a pipeline stage. " + SUPPORTED);
            }
        }
    }

    private static CommandRejectedException reject(String message) {
        return new CommandRejectedException(message);
    }
}
