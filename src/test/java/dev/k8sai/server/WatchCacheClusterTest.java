package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.server.routes.SharedResults;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's shared watch cache on the real test API server: a repeated analyze is built from the
 * informer stores without one LIST reaching the API server (counted by the API server's own
 * {@code apiserver_request_total} metric), the cache follows changes, and its findings are the same
 * as those of a server that LISTs and of the CLI.
 */
@RealCluster
class WatchCacheClusterTest {

    private static final String CRASHING = "fixtures/crashloop-pod.yaml";

    /**
     * Every analyzer but the namespace check: other tests' namespaces stuck in Terminating are reported
     * with their age in minutes, which would make two answers a minute apart differ.
     */
    private static final List<String> ANALYZERS = dev.k8sai.analyze.Analyzers.all().stream()
            .map(dev.k8sai.analyze.Analyzer::name).filter(n -> !n.equals("namespace")).toList();
    private static final String FILTERS = ANALYZERS.stream().map(n -> "\"" + n + "\"").collect(
            java.util.stream.Collectors.joining(",", "[", "]"));

    @Test
    void aRepeatedAnalyzeComesFromTheCacheWithoutAListAndFollowsChanges(TestCluster cluster, TestNamespace ns,
                                                                       @TempDir Path dir) throws Exception {
        // no crashing container here: reading a log tail makes fabric8 LIST that one pod (its readiness wait)
        ns.applyResource("fixtures/broken-references.yaml");
        KubernetesClient admin = cluster.client();
        try (TestServer server = TestServer.start(dir, cluster.kubeconfig())) {
            String viewer = server.viewerJwt("vic");
            String body = "{\"namespace\":\"" + ns.name() + "\",\"filters\":" + FILTERS + "}";
            HttpResponse<String> first = analyze(server, viewer, body);
            assertThat(snapshotSource(first)).as("the first analyze fills the cache").isEqualTo("watch-cache");
            assertThat(server.running.watchCache().informers()).isPositive();

            // Across all namespaces, a LIST the cache failed to spare would be cluster-scoped; the namespace
            // controller (other tests' namespaces being deleted) LISTs only namespace-scoped, so it cannot blur the count.
            String everywhere = "{\"allNamespaces\":true,\"filters\":" + FILTERS + "}";
            analyze(server, viewer, everywhere);
            Thread.sleep(SharedResults.MAX_AGE.toMillis() + 100); // a new snapshot, not the first answer shared
            Map<String, Long> listsBefore = clusterScopedLists(admin);
            HttpResponse<String> again = analyze(server, viewer, everywhere);
            Map<String, Long> listsAfter = clusterScopedLists(admin);
            assertThat(listsAfter).as("cluster-wide LIST requests the API server counted, by resource, before and during "
                    + "a repeated all-namespaces analyze (" + again.headers().firstValue("X-K8sai-Snapshot").orElse("") + ")")
                    .isEqualTo(listsBefore);
            assertThat(snapshotSource(again)).isEqualTo("watch-cache");

            HttpResponse<String> second = analyze(server, viewer, body);
            assertThat(snapshotSource(second)).isEqualTo("watch-cache");
            assertThat(second.headers().firstValue("X-K8sai-Snapshot").orElseThrow())
                    .containsPattern("syncedAt=\\d{4}-\\d\\d-\\d\\dT").containsPattern("ageMs=\\d+");
            assertThat(syncedAt(second)).isNotEqualTo(syncedAt(first));
            assertThat(TestServer.json(second)).isEqualTo(TestServer.json(first));

            // identical concurrent requests share one analysis while the cache is unchanged
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> wave = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                wave.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> analyze(server, viewer, body),
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            List<HttpResponse<String>> answers = wave.stream().map(java.util.concurrent.CompletableFuture::join).toList();
            assertThat(answers).allSatisfy(a -> assertThat(TestServer.json(a)).isEqualTo(TestServer.json(first)));
            assertThat(answers.stream().map(WatchCacheClusterTest::syncedAt).distinct().count())
                    .as("snapshots taken for 20 concurrent identical requests").isLessThan(10);

            ns.apply(Files.readString(Path.of(getClass().getClassLoader().getResource(CRASHING).toURI()))
                    .replace("payments-7c9d-x2x", "late-arrival"));
            HttpResponse<String> later = awaitAnalyze(server, viewer, body, names -> names.contains("late-arrival"));
            assertThat(snapshotSource(later)).isEqualTo("watch-cache");

            admin.pods().inNamespace(ns.name()).withName("late-arrival").withGracePeriod(0).delete();
            awaitAnalyze(server, viewer, body, names -> !names.contains("late-arrival") && names.contains("reads-config"));
        }
    }

    @Test
    void findingsFromTheCacheEqualThoseOfAListAndOfTheCli(TestCluster cluster, TestNamespace ns, @TempDir Path dir)
            throws Exception {
        ns.applyResource(CRASHING);
        ns.applyResource("fixtures/broken-references.yaml");
        KubernetesClient admin = cluster.client();
        Files.createDirectories(dir.resolve("cached"));
        Files.createDirectories(dir.resolve("listing"));
        try (TestServer cached = TestServer.start(dir.resolve("cached"), cluster.kubeconfig());
             TestServer listing = TestServer.start(dir.resolve("listing"), cluster.kubeconfig(),
                     s -> s.withWatchCache(ServeSettings.WatchCacheMode.OFF), Map.of())) {
            for (String body : List.of("{\"namespace\":\"" + ns.name() + "\",\"filters\":" + FILTERS + "}",
                    "{\"namespace\":\"" + ns.name() + "\",\"filters\":" + FILTERS
                            + ",\"labelSelector\":\"app in (payments,reader)\"}")) {
                analyze(cached, cached.viewerJwt("vic"), body);
                HttpResponse<String> fromCache = analyze(cached, cached.viewerJwt("vic"), body);
                assertThat(snapshotSource(fromCache)).isEqualTo("watch-cache");

                long listsBefore = listRequests(admin);
                HttpResponse<String> fromList = analyze(listing, listing.viewerJwt("vic"), body);
                assertThat(listRequests(admin) - listsBefore).as("without the cache every analyze LISTs").isPositive();
                assertThat(snapshotSource(fromList)).isEqualTo("list");

                JsonNode served = TestServer.json(fromCache);
                assertThat(served.path("findings").findValuesAsText("reason"))
                        .contains("CrashLoopBackOff", "MissingConfigMap");
                assertThat(served).isEqualTo(TestServer.json(fromList));
            }
            assertThat(TestServer.json(analyze(cached, cached.viewerJwt("vic"), "{\"namespace\":\"" + ns.name()
                    + "\",\"filters\":" + FILTERS + "}"))).isEqualTo(TestServer.JSON.readTree(FindingsRoutesClusterTest.cli(
                    cluster, "analyze", "-n", ns.name(), "--filter", String.join(",", ANALYZERS), "-o", "json")));

            String auditBody = "{\"namespace\":\"" + ns.name() + "\"}";
            cached.post("/api/v1/audit", cached.viewerJwt("vic"), auditBody);
            HttpResponse<String> audit = cached.post("/api/v1/audit", cached.viewerJwt("vic"), auditBody);
            assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
            assertThat(snapshotSource(audit)).isEqualTo("watch-cache");
            assertThat(TestServer.json(audit)).isEqualTo(
                    TestServer.json(listing.post("/api/v1/audit", listing.viewerJwt("vic"), auditBody)));
        }
    }

    @Test
    void eagerModeFillsTheCacheBeforeTheFirstRequestAndShutdownStopsIt(TestCluster cluster, TestNamespace ns,
                                                                      @TempDir Path dir) throws Exception {
        ns.applyResource("fixtures/broken-references.yaml");
        TestServer server = TestServer.start(dir, cluster.kubeconfig(),
                s -> s.withWatchCache(ServeSettings.WatchCacheMode.EAGER), Map.of());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.running.watchCache().informers() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(server.running.watchCache().informers()).as("informers started without any request")
                    .isGreaterThanOrEqualTo(10);
            HttpResponse<String> first = analyze(server, server.viewerJwt("vic"), "{\"namespace\":\"" + ns.name() + "\"}");
            assertThat(snapshotSource(first)).isEqualTo("watch-cache");
            assertThat(TestServer.json(first).path("findings").findValuesAsText("name")).contains("reads-config");
        } finally {
            server.close();
        }
        assertThat(server.running.watchCache().informers()).as("informers after shutdown").isZero();
    }

    private static HttpResponse<String> analyze(TestServer server, String bearer, String body) {
        HttpResponse<String> response = server.post("/api/v1/analyze", bearer, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Analyzes until the names of the findings satisfy {@code until} (the watch delivers changes within moments). */
    private static HttpResponse<String> awaitAnalyze(TestServer server, String bearer, String body,
                                                     Predicate<List<String>> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> response = analyze(server, bearer, body);
            List<String> names = TestServer.json(response).path("findings").findValuesAsText("name");
            if (until.test(names)) {
                return response;
            }
            assertThat(System.nanoTime()).as("the cache did not follow the change; findings: " + names).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static String snapshotSource(HttpResponse<String> response) {
        return snapshotField(response, "source");
    }

    private static String syncedAt(HttpResponse<String> response) {
        return snapshotField(response, "syncedAt");
    }

    private static String snapshotField(HttpResponse<String> response, String name) {
        String header = response.headers().firstValue("X-K8sai-Snapshot").orElse("");
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** LIST requests the API server has served so far (all resources, all clients). */
    static long listRequests(KubernetesClient admin) {
        return listRequests(admin, l -> true).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cluster-wide LIST requests served so far, per metric series (resource, status code). */
    static Map<String, Long> clusterScopedLists(KubernetesClient admin) {
        return listRequests(admin, l -> l.contains("scope=\"cluster\""));
    }

    private static Map<String, Long> listRequests(KubernetesClient admin, Predicate<String> series) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String line : admin.raw("/metrics").split("\n")) {
            if (line.startsWith("apiserver_request_total{") && line.contains("verb=\"LIST\"") && series.test(line)) {
                counts.merge(line.substring(0, line.lastIndexOf(' ')),
                        (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum);
            }
        }
        return counts;
    }
}
