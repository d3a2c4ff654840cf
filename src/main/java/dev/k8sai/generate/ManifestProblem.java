package dev.k8sai.generate;

/**
 * One thing wrong with a generated manifest.
 *
 * @param object  which object or document: "Deployment/redis", or "document 2" before kind and name are known
 * @param path    field path inside the object such as {@code spec.template.spec.containers[0].image}; empty when
 *                the problem concerns the whole document
 * @param message what is wrong, one line
 * @param layer   which check found it
 */
public record ManifestProblem(String object, String path, String message, Layer layer) {

    /** The check that found a problem: YAML parsing, the offline schema check, or the API server's dry run. */
    public enum Layer { PARSE, SCHEMA, SERVER }

    public ManifestProblem {
        path = path == null ? "" : path;
    }

    /** One line, e.g. {@code Deployment/redis: spec.replicas: expected integer, got "three"}. */
    @Override
    public String toString() {
        return object + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
