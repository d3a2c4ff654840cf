package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.SnapshotFileReader;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The round-two analyzers on their fixtures (src/test/resources/analyze/round2), read as files by
 * the real reader with the real registry: each broken object yields exactly its reason, each healthy
 * twin ("-ok") nothing.
 */
class RoundTwoAnalyzersTest {

    static final Path DIR = Path.of(System.getProperty("k8sai.repoRoot", "."), "src/test/resources/analyze/round2");

    /**
     * The clock a fixture's ages are written for (as --now): storage.yaml's "Available for 7 days" twins. The
     * others are judged as any file is, at its modification time.
     */
    private static final Map<String, java.time.Instant> WRITTEN_FOR = Map.of("storage.yaml", java.time.Instant.parse("2026-03-01T12:00:00Z"));

    static ClusterSnapshot read(String fixture, List<String> skipGroups) {
        return new SnapshotFileReader(Analyzers.needs(Analyzers.all()), Analyzers.customKinds(Analyzers.all(), skipGroups))
                .read(DIR.resolve(fixture).toString(), InputStream.nullInputStream(), null, WRITTEN_FOR.get(fixture)).snapshot();
    }

    static FindingsReport analyze(String fixture) {
        return AnalyzeService.analyze(read(fixture, List.of()), Analyzers.all());
    }

    /** "analyzer/reason" per object name, for the analyzers of round two. */
    static Map<String, Set<String>> reasons(String fixture, Set<String> analyzers) {
        Map<String, Set<String>> byName = new TreeMap<>();
        for (Finding f : analyze(fixture).findings()) {
            if (analyzers.contains(f.analyzer())) {
                byName.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(f.analyzer() + "/" + f.reason());
            }
        }
        return byName;
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            gateway.yaml    | broken-class          | gateway/GatewayClassNotAccepted
            gateway.yaml    | orphan                | gateway/GatewayClassNotFound
            gateway.yaml    | pending               | gateway/GatewayNotProgrammed
            gateway.yaml    | tls-broken            | gateway/ListenerNotReady
            gateway.yaml    | lost-parent           | httproute/RouteParentNotFound
            gateway.yaml    | rejected              | httproute/RouteNotAccepted
            gateway.yaml    | bad-backends          | httproute/BackendRefNotResolved
            olm.yaml        | strimzi               | olm/SubscriptionFailed
            olm.yaml        | install-abcde         | olm/InstallPlanFailed
            olm.yaml        | etcdoperator.v0.9.4   | olm/CSVFailed
            olm.yaml        | internal-catalog      | olm/CatalogSourceUnhealthy
            olm.yaml        | second-group          | olm/OperatorGroupInvalid
            olm.yaml        | argocd                | olm/ClusterExtensionNotInstalled
            olm.yaml        | private-catalog       | olm/ClusterCatalogNotServing
            storage.yaml    | pv-failed             | storage/PVFailed
            storage.yaml    | pv-released           | storage/PVReleased
            storage.yaml    | pv-unclaimed          | storage/PVUnclaimed
            storage.yaml    | csi-attach-broken     | storage/VolumeAttachmentError
            security.yaml   | legacy-6d4f-a1        | security/DefaultServiceAccountToken
            conditions.yaml | shop-tls              | conditions/ConditionFailed
            conditions.yaml | payments              | conditions/ConditionFailed
            conditions.yaml | apps                  | conditions/ConditionFailed
            conditions.yaml | redis                 | conditions/ConditionFailed
            """)
    void eachBrokenObjectGetsExactlyItsReason(String fixture, String name, String reason) {
        Set<String> analyzers = Set.of("gateway", "httproute", "olm", "storage", "security", "conditions");
        assertThat(reasons(fixture, analyzers).get(name)).as(fixture + " " + name).containsExactly(reason);
    }

    @Test
    void healthyTwinsYieldNothing() {
        for (String fixture : List.of("gateway.yaml", "olm.yaml", "storage.yaml", "security.yaml", "conditions.yaml")) {
            assertThat(analyze(fixture).findings()).as(fixture)
                    .noneMatch(f -> f.name().endsWith("-ok") || f.name().contains("-ok-") || f.name().equals("operatorhubio-catalog")
                            || f.name().equals("global-operators") || f.name().equals("legacy-6d4f-b2"));
        }
    }

    @Test
    void messagesQuoteWhatTheObjectsSay() {
        List<Finding> gateway = analyze("gateway.yaml").findings();
        assertThat(only(gateway, "tls-broken").message())
                .isEqualTo("listener https: Programmed=False (Invalid); ResolvedRefs=False (InvalidCertificateRef): Secret edge/missing-cert does not exist");
        assertThat(only(gateway, "bad-backends").message()).isEqualTo("Gateway public-ok: ResolvedRefs=False (BackendNotFound): "
                + "Service edge/checkout not found; backendRef Service edge/web has no port 9090; backendRef Service edge/checkout does not exist");
        List<Finding> olm = analyze("olm.yaml").findings();
        assertThat(only(olm, "etcdoperator.v0.9.4").message()).isEqualTo("operator etcdoperator.v0.9.4 failed (InstallCheckFailed): install timeout");
        assertThat(only(olm, "etcdoperator.v0.9.4").namespace()).isEqualTo("operators");
        List<Finding> security = analyze("security.yaml").findings();
        assertThat(only(security, "legacy-6d4f-a1").message()).startsWith(
                "runs as ServiceAccount default with its API token mounted (2 pods of ReplicaSet/shop/legacy-6d4f)");
        assertThat(only(security, "legacy-6d4f-a1").severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void conditionsSeverityFollowsTheConditionAndQuotesEveryFailure() {
        List<Finding> findings = analyze("conditions.yaml").findings();
        Finding cert = only(findings, "shop-tls");
        assertThat(cert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(cert.kind()).isEqualTo("Certificate");
        assertThat(cert.message()).isEqualTo("Certificate shop-tls reports Ready=False (DoesNotExist): Issuing certificate as Secret does not exist");
        Finding kustomization = only(findings, "apps");
        assertThat(kustomization.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(kustomization.message()).contains("Ready=False (BuildFailed)", "Stalled=True (BuildFailed)");
        Finding app = only(findings, "payments");
        assertThat(app.severity()).isEqualTo(Severity.WARNING);
        assertThat(app.message()).isEqualTo("Application payments reports health Degraded: Deployment payments exceeded its progress deadline");
        assertThat(only(findings, "redis").severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void ingressReferencesIntoAnUnreadNamespaceAreCountedNotJudged() {
        // analyze -n shop read Ingresses everywhere but Services and Secrets only in shop
        var ingress = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
                .withNewMetadata().withName("web").withNamespace("edge").endMetadata()
                .withNewSpec().addNewTl().withSecretName("web-tls").endTl()
                .withNewDefaultBackend().withNewService().withName("web").withNewPort().withNumber(80).endPort().endService()
                .endDefaultBackend().endSpec().build();
        ClusterSnapshot snapshot = ClusterSnapshot.builder("live", java.time.Instant.now())
                .collected(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)
                .collected(io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class)
                .collectedIn(io.fabric8.kubernetes.api.model.Service.class, "shop")
                .collectedIn(io.fabric8.kubernetes.api.model.Secret.class, "shop")
                .add(ingress).build();
        IngressAnalyzer analyzer = new IngressAnalyzer();
        assertThat(analyzer.analyze(snapshot)).extracting(Finding::reason).doesNotContain("BackendServiceNotFound", "TLSSecretNotFound");
        assertThat(analyzer.notChecked(snapshot)).containsExactlyInAnyOrder(
                new FindingsReport.NotChecked("Service", "edge", 1, "namespace not read"),
                new FindingsReport.NotChecked("Secret", "edge", 1, "namespace not read"));
    }

    @Test
    void theDefaultServiceAccountCheckRunsOnlyWhenNamed() {
        assertThat(Analyzers.select(Analyzers.all(), List.of())).extracting(Analyzer::name)
                .doesNotContain("security").contains("storage", "gateway", "httproute", "olm", "conditions");
        assertThat(Analyzers.select(Analyzers.all(), List.of("security"))).extracting(Analyzer::name).containsExactly("security");
    }

    @Test
    void aCrdGroupCanBeOptedOut() {
        var snapshot = read("conditions.yaml", List.of("argoproj.io", "cert-manager.io"));
        assertThat(AnalyzeService.analyze(snapshot, Analyzers.all()).findings()).extracting(Finding::name)
                .containsExactlyInAnyOrder("apps", "redis");
    }

    private static Finding only(List<Finding> findings, String name) {
        List<Finding> matching = findings.stream().filter(f -> f.name().equals(name)).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.getFirst();
    }
}
