package dev.k8sai.tools;

import dev.k8sai.kubectl.ShownArgv;
import java.util.List;

/**
 * A change someone must approve, exactly as it would be made: the command line (kubectl, local
 * code) or the manifest set (generate), its verb, its namespace and why it counts as a change.
 *
 * @param kind      what is being changed
 * @param subject   the exact command, or for manifests a one-line summary ("Apply 2 objects to context prod")
 * @param verb      kubectl's verb (delete, apply…), "run" for local code
 * @param namespace the namespace it affects, null when unknown or cluster-wide
 * @param why       why it counts as a change (the classification's reason)
 * @param objects   for manifests: each object as Kind/namespace/name; empty otherwise
 * @param content   for manifests: the YAML that would be applied; null otherwise
 */
public record ChangeRequest(Kind kind, String subject, String verb, String namespace, String why, List<String> objects,
                            String content) {

    public enum Kind { KUBECTL_COMMAND, LOCAL_PROGRAM, MANIFESTS }

    public ChangeRequest {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** The question a person is asked (the CLI shows it verbatim, followed by [y/N]). */
    public String question() {
        return switch (kind) {
            case MANIFESTS -> subject + "? [y/N] ";
            // Control characters are made visible: a model must not be able to redraw the question.
            case KUBECTL_COMMAND, LOCAL_PROGRAM -> "\nThe assistant wants to run (" + ShownArgv.visible(why, false) + "):\n  "
                    + ShownArgv.visible(subject, true) + "\nRun this command? [y/N] ";
        };
    }
}
