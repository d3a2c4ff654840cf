package dev.k8sai.server.generate;

import dev.k8sai.app.GenerateUseCase;
import dev.k8sai.generate.ClusterGateway;
import dev.k8sai.generate.GenerateResult;
import dev.k8sai.generate.ManifestDiff;
import dev.k8sai.generate.ManifestProblem;
import dev.k8sai.report.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generate plan as the API shows it (the JSON shape is documented in docs/server.md): the manifests,
 * validation (problems and notes), the API server's dry run, the review's warnings and the diff against
 * the live objects. Built once when the plan is made; only the apply part changes afterwards.
 */
final class PlanView {

    private PlanView() {
    }

    static Map<String, Object> of(GenerateUseCase.Plan plan, String clusterNote) {
        GenerateResult result = plan.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", result.valid());
        m.put("model", plan.model());
        m.put("rounds", result.rounds());
        m.put("usage", Map.of("input", result.usage().input(), "output", result.usage().output(),
                "total", result.usage().total()));
        m.put("manifests", result.yaml());
        m.put("objects", plan.objects().stream().map(o -> dev.k8sai.report.ObjectRef.of(o).toString()).toList());
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("problems", problems(result.validation().problems(), null));
        validation.put("notes", result.validation().notes());
        validation.put("note", result.note());
        m.put("validation", validation);
        m.put("dryRun", Map.of("serverChecked", result.validation().serverChecked(),
                "problems", problems(result.validation().problems(), ManifestProblem.Layer.SERVER)));
        m.put("review", plan.review().stream().map(PlanView::warning).toList());
        m.put("diff", plan.diffs().stream().map(PlanView::diff).toList());
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("reachable", plan.cluster().isPresent());
        cluster.put("context", plan.cluster().map(ClusterGateway::contextName).orElse(null));
        cluster.put("namespace", plan.cluster().map(ClusterGateway::defaultNamespace).orElse(null));
        cluster.put("note", clusterNote);
        m.put("cluster", cluster);
        m.put("hasChanges", plan.hasChanges());
        return m;
    }

    private static List<Map<String, Object>> problems(List<ManifestProblem> problems, ManifestProblem.Layer only) {
        return problems.stream().filter(p -> only == null || p.layer() == only).map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", p.object());
            m.put("path", p.path());
            m.put("message", p.message());
            m.put("layer", p.layer().name().toLowerCase(Locale.ROOT));
            return m;
        }).toList();
    }

    private static Map<String, Object> warning(Finding f) {
        return Map.of("severity", f.severity().wireName(), "object", f.objectRef(), "reason", f.reason(),
                "message", f.message());
    }

    private static Map<String, Object> diff(ManifestDiff.Entry d) {
        return Map.of("object", d.object(), "change", d.newObject() ? "new" : d.unchanged() ? "unchanged" : "changed",
                "diff", d.diff());
    }
}
