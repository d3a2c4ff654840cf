package dev.k8sai.analyze;

import java.util.List;

/** The analyzers for services, ingresses, PVCs, nodes, network policies, webhooks, namespaces, quotas and unused ConfigMaps/Secrets, in report order. */
public final class NetworkAnalyzers {

    private NetworkAnalyzers() {
    }

    public static List<Analyzer> all() {
        return List.of(
                new ServiceAnalyzer(),
                new IngressAnalyzer(),
                new PvcAnalyzer(),
                new NodeAnalyzer(),
                new NetworkPolicyAnalyzer(),
                new WebhookAnalyzer(),
                new NamespaceAnalyzer(),
                new QuotaAnalyzer(),
                UnusedConfigAnalyzer.configMaps(),
                UnusedConfigAnalyzer.secrets());
    }
}
