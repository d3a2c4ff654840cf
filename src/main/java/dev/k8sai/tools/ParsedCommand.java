package dev.k8sai.tools;

import java.util.List;

/**
 * A command line split into pipeline stages. Each stage is an argv list with quoting already removed;
 * stage 0 is always kubectl.
 */
public record ParsedCommand(String original, List<List<String>> stages) {

    public ParsedCommand {
        stages = stages.stream().map(List::copyOf).toList();
    }

    public List<String> first() {
        return stages.getFirst();
    }

    /** Display form of one argv, quoted so a human can read it unambiguously. */
    public static String display(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            if (!a.isEmpty() && a.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)) {
                sb.append(a);
            } else {
                sb.append('\'').append(a.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }
}
