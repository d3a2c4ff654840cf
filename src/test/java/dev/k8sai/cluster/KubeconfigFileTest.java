package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFileTest {

    @TempDir
    Path dir;

    /** Every field of fabric8's kubeconfig model that a kubeconfig may hold. */
    private static final String KITCHEN_SINK = """
            apiVersion: v1
            kind: Config
            current-context: eks
            preferences: {colors: true}
            clusters:
            - name: local
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: pki/ca.crt
                tls-server-name: kubernetes
                proxy-url: http://proxy:3128
                disable-compression: true
                extensions: [{name: client.authentication.k8s.io/exec, extension: {audience: x}}]
            - name: remote
              cluster: {server: "https://k.example:443", certificate-authority-data: "Zm9v", insecure-skip-tls-verify: false}
            users:
            - name: admin
              user: {client-certificate: pki/admin.crt, client-key: pki/admin.key, as: jane, as-groups: [ops, dev], as-uid: "7",
                     as-user-extra: {team: [a]}}
            - name: token
              user: {token: t0ken, tokenFile: /var/run/token, username: u, password: p}
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token, --cluster-name, demo]
                  env: [{name: AWS_PROFILE, value: dev}]
                  interactiveMode: IfAvailable
                  provideClusterInfo: true
                  installHint: install the aws cli
            - name: oidc
              user: {auth-provider: {name: oidc, config: {client-id: k, id-token: abc}}}
            contexts:
            - name: eks
              context: {cluster: remote, user: eks, namespace: shop, extensions: []}
            - name: local
              context: {cluster: local, user: admin}
            - name: broken
            """;

    @Test
    void parsesEveryFieldAsFabric8sOwnParserDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KITCHEN_SINK);
        assertThat(KubeconfigFile.read(file).model()).isEqualTo(KubeConfigUtils.parseConfig(file.toFile()));
    }

    @Test
    void whatJacksonCannotBindIsLeftToFabric8() throws Exception {
        // a YAML alias: Jackson reads it as the anchor's name, fabric8's parser resolves it
        Path file = Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                current-context: a
                clusters: [{name: c, cluster: &shared {server: "https://127.0.0.1:1"}}, {name: d, cluster: *shared}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: a, context: {cluster: d, user: u}}]
                """);
        KubeconfigFile parsed = KubeconfigFile.read(file);
        assertThat(parsed.model()).isEqualTo(KubeConfigUtils.parseConfig(file.toFile()));
        assertThat(parsed.clientConfig(null).getMasterUrl()).isEqualTo("https://127.0.0.1:1/");
    }

    @Test
    void relativePathsResolveAgainstTheFileAndTheConfigNamesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KITCHEN_SINK);
        Config config = KubeconfigFile.read(file).clientConfig("local");
        Config fabric8 = Config.fromKubeconfig("local", file.toFile());
        assertThat(config.getCaCertFile()).isEqualTo(dir.resolve("pki/ca.crt").toString()).isEqualTo(fabric8.getCaCertFile());
        assertThat(config.getClientCertFile()).isEqualTo(dir.resolve("pki/admin.crt").toString());
        assertThat(config.getClientKeyFile()).isEqualTo(fabric8.getClientKeyFile());
        assertThat(config.getFile()).isEqualTo(file.toFile()).isEqualTo(fabric8.getFile());
        assertThat(config.getFileWithCluster()).isEqualTo(file.toFile());
        assertThat(config.getFileWithAuthInfo()).isEqualTo(file.toFile());
        assertThat(config.getMasterUrl()).isEqualTo(fabric8.getMasterUrl());
    }

    @Test
    void contextNamesAreThoseWithABodyInFileOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KITCHEN_SINK);
        assertThat(KubeconfigFile.read(file).contextNames()).containsExactly("eks", "local");
    }

    @Test
    void knowsWhichContextsRunACredentialPlugin() throws Exception {
        KubeconfigFile file = KubeconfigFile.read(Files.writeString(dir.resolve("config"), KITCHEN_SINK));
        assertThat(file.runsCredentialPlugin(null)).as("current context: exec").isTrue();
        assertThat(file.runsCredentialPlugin("local")).isFalse();
        assertThat(file.runsCredentialPlugin("nope")).isFalse();
        KubeconfigFile oidc = KubeconfigFile.read(Files.writeString(dir.resolve("oidc"),
                KITCHEN_SINK.replace("current-context: eks", "current-context: o") + "- name: o\n  context: {cluster: remote, user: oidc}\n"));
        assertThat(oidc.runsCredentialPlugin(null)).as("auth provider").isTrue();
    }
}
