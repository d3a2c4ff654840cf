package dev.k8sai.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisSeederTest {

    private static Pod pod(String name, String app, String rs) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeName("n1").addNewContainer().withName("main").withImage("x").endContainer().endSpec();
        if (rs != null) {
            b.editMetadata().addNewOwnerReference().withKind("ReplicaSet").withName(rs).withController(true).endOwnerReference().endMetadata();
        }
        return b.build();
    }

    private static Service service(String name, String app) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withSelector(Map.of("app", app)).endSpec().build();
    }

    private static Finding finding(String kind, String name, String parent, String reason) {
        return Finding.of("test", kind, "shop", name, Severity.WARNING, reason, reason + " message").withParent(parent);
    }

    private final Deployment web = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata().build();
    private final ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("web-abc").withNamespace("shop")
            .addNewOwnerReference().withKind("Deployment").withName("web").withController(true).endOwnerReference().endMetadata().build();
    private final Pod web1 = pod("web-abc-1", "web", "web-abc");
    private final Pod web2 = pod("web-abc-2", "web", "web-abc");
    private final Pod other = pod("other-1", "other", null);
    private final Event backoff = new EventBuilder().withNewMetadata().withName("e1").withNamespace("shop").endMetadata()
            .withNewInvolvedObject().withKind("Pod").withNamespace("shop").withName("web-abc-1").endInvolvedObject()
            .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container").withCount(7).build();
    private final ClusterSnapshot snapshot = ClusterSnapshot.builder("test", Instant.parse("2026-11-25T00:00:00Z"))
            .collected(Deployment.class).collected(ReplicaSet.class).collected(Pod.class).collected(Service.class).collected(Event.class)
            .addAll(List.of(web, rs, web1, web2, other, service("web", "web"), service("else", "else"), backoff)).build();
    private final List<Finding> findings = List.of(
            finding("Pod", "web-abc-1", "Deployment/shop/web", "CrashLoopBackOff"),
            finding("Pod", "web-abc-2", "Deployment/shop/web", "Unready"),
            finding("Pod", "other-1", null, "ImagePullBackOff"),
            finding("Deployment", "web", null, "Unavailable"),
            finding("Service", "web", null, "NoReadyEndpoints"),
            finding("Service", "else", null, "NoEndpoints"));

    private static List<String> names(DiagnosisFacts facts) {
        return facts.findings().stream().map(f -> f.kind() + "/" + f.name()).toList();
    }

    @Test
    void podKeepsItsOwnSiblingOwnerAndServiceFindings() {
        DiagnosisTarget target = new DiagnosisTarget(Pod.class, "shop", "web-abc-1");
        DiagnosisFacts facts = DiagnosisSeeder.facts(snapshot, target, web1, findings, List.of(), List.of());

        assertThat(names(facts)).containsExactly("Pod/web-abc-1", "Pod/web-abc-2", "Deployment/web", "Service/web");
        assertThat(facts.events()).containsExactly("Pod/web-abc-1: event BackOff x7: Back-off restarting failed container");
        assertThat(facts.states()).singleElement().asString().startsWith("pod/web-abc-1 phase unknown, node n1");
    }

    @Test
    void deploymentGathersItsPodsThroughTheReplicaSet() {
        DiagnosisTarget target = new DiagnosisTarget(Deployment.class, "shop", "web");
        DiagnosisFacts facts = DiagnosisSeeder.facts(snapshot, target, web, findings, List.of(), List.of());

        assertThat(names(facts)).containsExactly("Pod/web-abc-1", "Pod/web-abc-2", "Deployment/web", "Service/web");
        assertThat(facts.states()).hasSize(2);
        assertThat(facts.events()).singleElement().asString().startsWith("Pod/web-abc-1: event BackOff");
    }

    @Test
    void serviceGathersTheSelectedPods() {
        DiagnosisTarget target = new DiagnosisTarget(Service.class, "shop", "else");
        DiagnosisFacts facts = DiagnosisSeeder.facts(snapshot, target, snapshot.get(Service.class, "shop", "else").orElseThrow(),
                findings, List.of(), List.of());

        assertThat(names(facts)).containsExactly("Service/else");
        assertThat(facts.notes()).contains("no pods belong to service/else");
    }

    @Test
    void renderedFactsAreDelimitedAndRedacted() {
        DiagnosisTarget target = new DiagnosisTarget(Pod.class, "shop", "web-abc-1");
        DiagnosisFacts facts = DiagnosisSeeder.facts(snapshot, target, web1, findings,
                List.of(new DiagnosisFacts.ContainerLog("web-abc-1", "main",
                        "2026-11-25T00:00:00Z connecting to postgres://app:Sup3rS3cret@db:5432\n2026-11-25T00:00:01Z exit 1\n")),
                List.of());
        String text = facts.firstMessage("");

        assertThat(text).startsWith("Diagnose pod/web-abc-1 in namespace shop.")
                .contains(DiagnosisFacts.BEGIN).endsWith(DiagnosisFacts.END + "\n")
                .contains("Previous log of pod web-abc-1 container main (last lines):")
                .contains("postgres://").doesNotContain("Sup3rS3cret");
    }
}
