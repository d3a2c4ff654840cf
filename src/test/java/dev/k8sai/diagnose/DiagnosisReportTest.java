package dev.k8sai.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.StopReason;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisReportTest {

    private static final DiagnosisTarget POD = new DiagnosisTarget(Pod.class, "shop", "api-1");
    private static final Finding CRASH = Finding.of("pod", "Pod", "shop", "api-1", Severity.CRITICAL,
            "CrashLoopBackOff", "container app restarted 12 times");

    private static AgentResult result(String answer, StopReason reason) {
        return new AgentResult(answer, reason, List.of(), new TokenUsage(1200, 80), 2);
    }

    @Test
    void targetsParseInTheFormsKubectlUsers() {
        assertThat(DiagnosisTarget.parse(List.of("api-1"), "shop")).isEqualTo(POD);
        assertThat(DiagnosisTarget.parse(List.of("pod/api-1"), "shop")).isEqualTo(POD);
        assertThat(DiagnosisTarget.parse(List.of("po", "api-1"), "shop")).isEqualTo(POD);
        assertThat(DiagnosisTarget.parse(List.of("deploy/web"), "shop"))
                .isEqualTo(new DiagnosisTarget(Deployment.class, "shop", "web"));
        DiagnosisTarget node = DiagnosisTarget.parse(List.of("node", "n1"), "shop");
        assertThat(node.namespace()).isNull();
        assertThat(node.ref()).isEqualTo("Node/n1");
        assertThat(DiagnosisTarget.parse(List.of("svc/front"), "shop").ref()).isEqualTo("Service/shop/front");
        assertThat(DiagnosisTarget.parse(List.of("pvc/data"), "shop").display()).isEqualTo("persistentvolumeclaim/data");
        assertThat(new DiagnosisTarget(Node.class, null, "n1").display()).isEqualTo("node/n1");
    }

    @Test
    void badTargetsAreUsageErrors() {
        assertThatThrownBy(() -> DiagnosisTarget.parse(List.of("configmap/x"), "shop"))
                .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining("kinds: pod, deployment");
        assertThatThrownBy(() -> DiagnosisTarget.parse(List.of("pod/"), "shop")).isInstanceOf(AgentException.class);
        assertThatThrownBy(() -> DiagnosisTarget.parse(List.of("a", "b", "c"), "shop")).isInstanceOf(AgentException.class);
    }

    @Test
    void jsonAnswerFillsEveryField() {
        String answer = "<think>x</think>Here it is: {\"summary\": \"Bad config.\", \"symptoms\": \"restarts\", "
                + "\"evidence\": [\"exit 1\"], \"rootCause\": \"DB_HOST is wrong\", \"fix\": [\"set DB_HOST\", \"restart\"], "
                + "\"confidence\": \"HIGH\",}";
        DiagnosisReport r = DiagnosisReport.of(POD, result(answer, StopReason.FINAL_ANSWER), List.of(CRASH));

        assertThat(r.target()).isEqualTo("Pod/shop/api-1");
        assertThat(r.summary()).isEqualTo("Bad config.");
        assertThat(r.symptoms()).containsExactly("restarts");
        assertThat(r.evidence()).containsExactly("exit 1");
        assertThat(r.rootCause()).isEqualTo("DB_HOST is wrong");
        assertThat(r.fix()).containsExactly("set DB_HOST", "restart");
        assertThat(r.confidence()).isEqualTo("high");
        assertThat(r.usage()).isEqualTo(new TokenUsage(1200, 80));
        assertThat(r.renderText()).contains("Summary:\n  Bad config.").contains("Fix:\n  - set DB_HOST\n  - restart")
                .contains("Findings:\n  - [critical] Pod/shop/api-1 CrashLoopBackOff: container app restarted 12 times")
                .doesNotContain("stopped early");
    }

    @Test
    void proseAnswerBecomesSummaryAndRootCause() {
        DiagnosisReport r = DiagnosisReport.of(POD, result("The image tag does not exist. Push it first.\nMore.",
                StopReason.ITERATION_LIMIT), List.of());

        assertThat(r.summary()).isEqualTo("The image tag does not exist.");
        assertThat(r.rootCause()).startsWith("The image tag does not exist. Push it first.").endsWith("More.");
        assertThat(r.fix()).isEmpty();
        assertThat(r.confidence()).isEqualTo("unknown");
        assertThat(r.renderText()).contains("(none from the rule-based checks)").contains("stopped early (iteration limit)");
    }

    @Test
    void unrelatedJsonInProseIsNotMistakenForTheReport() {
        DiagnosisReport r = DiagnosisReport.of(POD, result("The pod spec has {\"replicas\": 0} so nothing runs.",
                StopReason.FINAL_ANSWER), List.of());
        assertThat(r.rootCause()).isEqualTo("The pod spec has {\"replicas\": 0} so nothing runs.");
    }
}
