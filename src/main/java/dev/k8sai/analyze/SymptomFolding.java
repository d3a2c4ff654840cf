package dev.k8sai.analyze;

import dev.k8sai.report.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Symptoms of one cause are one problem: when an object has both a cause finding and a symptom
 * finding of the pairs below, the symptom becomes {@code related} detail of the cause instead of a
 * second alarm. Pure function over findings, run after all analyzers.
 */
final class SymptomFolding {

    /** A symptom reason that is explained by a cause reason on the same object of this kind. */
    private record Rule(String kind, String cause, String symptom) {
    }

    static final List<Rule> RULES = List.of(
            // a rollout stuck past its deadline is why replicas are unavailable
            new Rule("Deployment", "ProgressDeadlineExceeded", "ReplicasUnavailable"),
            // pods of a StatefulSet whose claims cannot be provisioned never become ready
            new Rule("StatefulSet", "StorageClassNotFound", "ReplicasUnavailable"));

    private SymptomFolding() {
    }

    static List<Finding> fold(List<Finding> findings) {
        Map<String, Integer> causeIndex = new HashMap<>();
        List<Finding> out = new ArrayList<>(findings);
        for (int i = 0; i < out.size(); i++) {
            Finding f = out.get(i);
            for (Rule r : RULES) {
                if (r.kind().equals(f.kind()) && r.cause().equals(f.reason())) {
                    causeIndex.putIfAbsent(key(f, r), i);
                }
            }
        }
        if (causeIndex.isEmpty()) {
            return findings;
        }
        Map<Integer, List<Finding.Related>> related = new LinkedHashMap<>();
        List<Integer> folded = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Finding f = out.get(i);
            for (Rule r : RULES) {
                Integer cause = r.kind().equals(f.kind()) && r.symptom().equals(f.reason()) ? causeIndex.get(key(f, r)) : null;
                if (cause != null) {
                    related.computeIfAbsent(cause, k -> new ArrayList<>()).add(new Finding.Related(f.reason(), f.message()));
                    folded.add(i);
                    break;
                }
            }
        }
        related.forEach((i, symptoms) -> {
            List<Finding.Related> all = new ArrayList<>(out.get(i).related());
            all.addAll(symptoms);
            out.set(i, out.get(i).withRelated(all));
        });
        List<Finding> result = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (!folded.contains(i)) {
                result.add(out.get(i));
            }
        }
        return result;
    }

    private static String key(Finding f, Rule r) {
        return r.cause() + "|" + f.analyzer() + "|" + f.objectRef();
    }
}
