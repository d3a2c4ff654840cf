package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import org.junit.jupiter.api.Test;

/** Issue 18 point 4: analyze -n of a namespace that does not exist says so instead of reporting "No problems found" alone. */
@RealCluster
class MissingNamespaceClusterTest {

    private static AnalyzeCommandTest.Run analyze(TestCluster cluster, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--kubeconfig";
        all[1] = cluster.kubeconfig().toString();
        all[2] = "analyze";
        System.arraycopy(args, 0, all, 3, args.length);
        return AnalyzeCommandTest.capture(Main.newCommandLine(), all);
    }

    @Test
    void aMissingNamespaceIsAWarning(TestCluster cluster) {
        AnalyzeCommandTest.Run r = analyze(cluster, "-n", "doesnotexist-18", "--no-color");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("k8s-ai-agent: warning: namespace \"doesnotexist-18\" does not exist");
    }

    @Test
    void anExistingNamespaceGetsNoWarning(TestCluster cluster, TestNamespace ns) {
        AnalyzeCommandTest.Run r = analyze(cluster, "-n", ns.name(), "--no-color");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("does not exist");
    }

    @Test
    void whoMayNotReadNamespacesIsToldNothingAboutThem(TestCluster cluster) {
        // An identity without any rights: the GET of the Namespace is forbidden, so nothing is claimed about it.
        AnalyzeCommandTest.Run r = analyze(cluster, "--as", "nobody-18", "-n", "doesnotexist-18", "--no-color");
        assertThat(r.err()).doesNotContain("does not exist").contains("forbidden");
    }
}
