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
}
