package dev.k8sai.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for error-path tests. */
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
}
