package dev.k8sai.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@link ManifestExtractor} found in a model reply.
 *
 * @param yaml      the YAML text taken from the reply (fenced blocks joined with {@code ---}); empty if none
 * @param documents one JSON tree per Kubernetes object, List kinds already flattened, empty documents dropped
 * @param problems  parse problems (layer PARSE), with block and line; empty when everything parsed
 * @param notes     warnings that do not block, e.g. several YAML blocks that may be alternatives
 */
public record Extraction(String yaml, List<ObjectNode> documents, List<ManifestProblem> problems, List<String> notes) {

    public Extraction {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public Extraction(String yaml, List<ObjectNode> documents, List<ManifestProblem> problems) {
        this(yaml, documents, problems, List.of());
    }
}
