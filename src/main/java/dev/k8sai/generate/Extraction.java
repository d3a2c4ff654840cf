package dev.k8sai.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@link ManifestExtractor} found in a model reply.
 *
 * @param yaml      the YAML text taken from the reply (fenced blocks joined with {@code ---}); empty if none
 * @param documents one JSON tree per Kubernetes object, List kinds already flattened, empty documents dropped
 * @param problems  parse problems (layer PARSE), with block and line; empty when everything parsed
 */
public record Extraction(String yaml, List<ObjectNode> documents, List<ManifestProblem> problems) {

    public Extraction {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }
}
