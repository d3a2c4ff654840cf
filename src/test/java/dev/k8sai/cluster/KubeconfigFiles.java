package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for error-path and RBAC tests. */
public final class KubeconfigFiles {

    private KubeconfigFiles() {
    }

    /** Two contexts (dev current, staging) pointing at a loopback port nothing listens on. */
    public static Path unreachable(Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path f = dir.resolve("kubeconfig");
        Files.writeString(f, """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}
                users:
                - name: u
                  user: {token: t0ken}
                contexts:
                - name: dev
                  context: {cluster: c, user: u, namespace: shop}
                - name: staging
                  context: {cluster: c, user: u}
                """.formatted(port));
        return f;
    }

    /**
     * A kubeconfig acting as ServiceAccount {@code serviceAccount} of {@code namespace} (its default
     * namespace), with a 10-minute token from the TokenRequest API: RBAC tests bind roles to it.
     */
    public static Path serviceAccount(KubernetesClient admin, String namespace, String serviceAccount, Path dir)
            throws IOException {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                .getStatus().getToken();
        return Files.writeString(dir.resolve("kc-" + serviceAccount), """
                apiVersion: v1
                kind: Config
                current-context: reader
                clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: r, user: {token: "%s"}}]
                contexts: [{name: reader, context: {cluster: c, user: r, namespace: %s}}]
                """.formatted(admin.getConfiguration().getMasterUrl(), token, namespace));
    }
}
