package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.app.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressViewTest {

    @Test
    void eventsReadAsStagesAndModelTextInThemIsEscaped() {
        assertThat(ProgressView.text(new Progress.ExplainBatch(2, 3))).isEqualTo("explaining findings: batch 2 of 3…");
        assertThat(ProgressView.text(new Progress.Repairing(1, 2))).startsWith("repair round 1 of 2");
        assertThat(ProgressView.text(new Progress.Validating(true))).contains("server-side dry run");
        assertThat(ProgressView.text(new Progress.CollectingFacts("pod/x\u001b[2J"))).contains("pod/x\\u001b[2J").doesNotContain("\u001b");
    }

    @Test
    void spinnerShowsTheLabelAndPrintsStepLinesAboveItself() throws Exception {
        StringWriter sink = new StringWriter();
        Spinner spinner = new Spinner(new PrintWriter(sink), "connecting…", true);
        ProgressView.on(spinner).on(new Progress.ExplainBatch(1, 2));
        Thread.sleep(300);
        spinner.println("→ kubectl get pods");
        spinner.stop();
        String drawn = sink.toString();
        assertThat(drawn).contains("\r| explaining findings: batch 1 of 2…").contains("→ kubectl get pods\n");
        // the spinner erased its line before the step line and at the end
        assertThat(drawn.substring(drawn.indexOf("→ kubectl") - 1)).startsWith("\r→ kubectl");
        // nothing of the spinner is left on the last line as a terminal shows it (erased, or not redrawn)
        assertThat(visible(drawn.substring(drawn.lastIndexOf('\n') + 1))).isBlank();
    }

    @Test
    void stepLinesNameTheKubectlCommandEscaped() {
        assertThat(AgentStepsListener.describe("kubectl", "{\"command\": \"kubectl get pods -n shop\"}")).isEqualTo("kubectl get pods -n shop");
        assertThat(AgentStepsListener.describe("kubectl", "{\"command\": \"kubectl get pods\\u001b]52;c;eA==\\u0007\"}"))
                .isEqualTo("kubectl get pods\\u001b]52;c;eA==\\u0007");
        assertThat(AgentStepsListener.describe("cluster_read", "{\"kind\":\"Pod\"}")).isEqualTo("cluster_read {\"kind\":\"Pod\"}");
    }

    /** A line as a terminal shows it: each carriage return writes over the line from its start. */
    private static String visible(String line) {
        StringBuilder screen = new StringBuilder();
        for (String part : line.split("\r", -1)) {
            screen.replace(0, Math.min(part.length(), screen.length()), part);
        }
        return screen.toString();
    }
}
