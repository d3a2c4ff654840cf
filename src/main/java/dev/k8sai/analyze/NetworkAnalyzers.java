package dev.k8sai.analyze;

import java.util.List;

/**
 * The analyzers for services, ingresses, PVCs, nodes, network policies, webhooks, namespaces, quotas, unused
 * ConfigMaps/Secrets, volumes, Gateway API, OLM, the default ServiceAccount token and custom resources' conditions,
 * in report order.
 */
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
                UnusedConfigAnalyzer.secrets(),
                new StorageAnalyzer(),
                new GatewayAnalyzer(),
                new HttpRouteAnalyzer(),
                new OlmAnalyzer(),
                new SecurityAnalyzer(),
                new ConditionsAnalyzer());
    }
}
