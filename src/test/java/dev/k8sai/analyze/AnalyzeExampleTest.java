package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.k8sai.ExitCodes;
import dev.k8sai.cli.Main;
import dev.k8sai.cluster.SnapshotFileReader;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** examples/broken-shop.yaml with the real analyzers yields what examples/README.md promises. */
class AnalyzeExampleTest {

    static final String EXAMPLE = Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml").toString();

    static FindingsReport report() {
        var snapshot = new SnapshotFileReader(Analyzers.needs(Analyzers.all()))
                .read(EXAMPLE, InputStream.nullInputStream(), null).snapshot();
        return AnalyzeService.analyze(snapshot, Analyzers.select(Analyzers.all(), List.of()));
    }

    @Test
    void readmeFindingsAreProduced() {
        FindingsReport report = report();
        assertThat(report.findings()).extracting(Finding::analyzer, Finding::kind, Finding::name, Finding::reason)
                .containsExactlyInAnyOrder(
                        tuple("pod", "Pod", "payments-7c9d5b8f6d-x2xq4", "CrashLoopBackOff"),
                        tuple("deployment", "Deployment", "payments", "ReplicasUnavailable"),
                        tuple("service", "Service", "payments", "ServiceNoEndpoints"),
                        tuple("pod", "Pod", "cart-66b8d4f7c5-5hv8n", "CreateContainerConfigError"),
                        tuple("deployment", "Deployment", "cart", "ReplicasUnavailable"),
                        tuple("service", "Service", "checkout", "SelectorMatchesNoPods"),
                        tuple("pvc", "PersistentVolumeClaim", "data-orders-db-0", "StorageClassNotFound"),
                        tuple("pod", "Pod", "orders-db-0", "Unschedulable"),
                        tuple("statefulset", "StatefulSet", "orders-db", "StorageClassNotFound"),
                        tuple("service", "Service", "orders-db", "ServiceNoEndpoints"),
                        tuple("ingress", "Ingress", "shop", "BackendServiceNotFound"));
        assertThat(report.findings()).allMatch(f -> f.severity() == dev.k8sai.report.Severity.CRITICAL);
        // The missing ConfigMap is named by the container error, not reported a second time.
        assertThat(report.findings()).filteredOn(f -> f.reason().equals("CreateContainerConfigError"))
                .singleElement().extracting(Finding::message).asString().contains("ConfigMap cart-config does not exist");
        // frontend is healthy: nothing about it, its ReplicaSet, pods or Service.
        assertThat(report.findings()).noneMatch(f -> f.name().startsWith("frontend"));
        assertThat(report.summary().critical()).isEqualTo(11);
        // The StatefulSet's unready replicas are a symptom of its missing StorageClass: one problem.
        assertThat(report.findings()).filteredOn(f -> f.name().equals("orders-db") && f.kind().equals("StatefulSet"))
                .singleElement().satisfies(f -> assertThat(f.related()).extracting(Finding.Related::reason)
                        .containsExactly("ReplicasUnavailable"));
    }

    @Test
    void commandExitsOneOnTheExample() {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("analyze", "-f", EXAMPLE, "--no-color");
        assertThat(exit).isEqualTo(ExitCodes.FINDINGS);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("CRITICAL CrashLoopBackOff").endsWith("11 critical, 0 warning, 0 info\n");
    }
}
