package dev.k8sai.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Outcome of {@link ManifestValidator#validate}.
 *
 * @param objects       the objects that could be read, typed fabric8 model objects where fabric8 knows the kind
 *                      (GenericKubernetesResource otherwise), namespace filled in for namespaced kinds
 * @param problems      every problem of every object, parse, schema and server layers
 * @param serverChecked whether the API server's strict dry run took part
 * @param notes         one-line warnings that do not make the manifests invalid (several YAML blocks, a custom
 *                      resource not checked offline, status removed); shown to the user, never sent for repair
 */
public record ValidationReport(List<HasMetadata> objects, List<ManifestProblem> problems, boolean serverChecked,
                               List<String> notes) {

    public ValidationReport {
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public ValidationReport(List<HasMetadata> objects, List<ManifestProblem> problems, boolean serverChecked) {
        this(objects, problems, serverChecked, List.of());
    }

    public boolean valid() {
        return problems.isEmpty() && !objects.isEmpty();
    }
}
