package dev.k8sai.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Issue 10, class 5: the redactor's shapes beyond NAME=value — documents by field meaning, key names, pasted command lines. */
class SecretShapesTest {

    private static final String S = "Zq7-planted-V4lue";

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("kind-less SecretList items (get --raw)", """
                        {"kind":"SecretList","apiVersion":"v1","metadata":{},"items":[
                          {"metadata":{"name":"db"},"data":{"pw":"WnE3LXBsYW50ZWQtVjRsdWU="},"type":"Opaque"},
                          {"metadata":{"name":"api"},"stringData":{"token":"%s"}}]}""".formatted(S)),
                Arguments.of("kind-less object shaped like a Secret", "{\"metadata\":{\"name\":\"x\"},\"data\":{\"anything\":\"" + S + "\"}}"),
                Arguments.of("yaml list of kind-less secrets", "items:\n- metadata:\n    name: a\n  type: Opaque\n  data:\n    x: " + S + "\nkind: SecretList\n"),
                Arguments.of("kubeconfig client-key-data", "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: " + S + "\n"),
                Arguments.of("kubeconfig token json", "{\"users\":[{\"name\":\"u\",\"user\":{\"token\":\"" + S + "\"}}]}"),
                Arguments.of("annotation with a secret-like key", "{\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"vault.example.com/api-token\":\"" + S + "\"}}}"),
                Arguments.of("env _KEY json", "{\"env\":[{\"name\":\"ENCRYPTION_KEY\",\"value\":\"" + S + "\"}]}"),
                Arguments.of("env _KEY line", "SIGNING_KEY=" + S),
                Arguments.of("describe env _KEY", "    Environment:\n      SIGNING_KEY:  " + S + "\n      MODE:  fast"),
                Arguments.of("describe annotation line", "Annotations:  example.com/db-password: " + S + " with spaces\n              team: a"),
                Arguments.of("describe annotation continuation", "Annotations:  team: a\n              example.com/signing-key: " + S),
                Arguments.of("container args array", "{\"args\":[\"--db-password\",\"" + S + "\",\"--port\",\"5432\"]}"),
                Arguments.of("describe args lines", "    Args:\n      --db-password\n      " + S + "\n      --port\n      5432"),
                Arguments.of("flag with a space", "run ./app --db-password " + S + " --verbose"),
                Arguments.of("single-dash flag", "java -jar app.jar -token " + S),
                Arguments.of("xml element", "<config><db><password>" + S + "</password></db></config>"),
                Arguments.of("xml element with attribute", "<apiKey env=\"prod\">" + S + "</apiKey>"),
                Arguments.of("xml key/value attributes", "<add key=\"DbPassword\" value=\"" + S + "\" />"),
                Arguments.of("pgpass line", "db.example.com:5432:orders:app:" + S),
                Arguments.of("pgpass wildcard port", "*:*:*:postgres:" + S),
                Arguments.of("mysql -p glued", "mysql -h db -u root -p" + S + " orders"),
                Arguments.of("curl -u", "curl -s -u admin:" + S + " https://api.example.com/x"),
                Arguments.of("curl --user=", "curl --user=admin:" + S + " https://x"),
                Arguments.of("redis-cli -a", "redis-cli -h cache -a " + S + " ping"),
                Arguments.of("docker login -p", "docker login -u bot -p " + S + " registry.example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void plantedValueIsRedactedAndRecorded(String label, String input) {
        List<String> seen = new ArrayList<>();
        Redaction r = Redactor.redact(input, seen::add);
        assertThat(r.text()).doesNotContain(S).doesNotContain("WnE3LXBsYW50ZWQtVjRsdWU").contains("[REDACTED");
        assertThat(seen).anySatisfy(v -> assertThat(v.contains(S) || v.equals("WnE3LXBsYW50ZWQtVjRsdWU=")).isTrue());
    }

    static Stream<String> harmless() {
        return Stream.of(
                "topologyKey: kubernetes.io/hostname",
                "{\"tolerations\":[{\"key\":\"node-role\",\"operator\":\"Exists\"}]}",
                "valueFrom:\n  secretKeyRef:\n    name: db\n    key: password",
                "KEY_NAME=primary\nKEY_VAULT_URL=https://vault.example.com\npublicKey: ssh-ed25519-AAAA",
                "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"mode\":\"fast\"}}",
                "{\"kind\":\"ConfigMapList\",\"items\":[{\"metadata\":{\"name\":\"c\"},\"data\":{\"mode\":\"fast\"}}]}",
                "Pass the --password flag to set it, or use --token instead.",
                "Name:         web-7d9\nNamespace:    shop\nLabels:       app=web\nAnnotations:  team: payments\nStatus:       Running",
                "2026-11-24T10:12:13Z INFO served /healthz in 3ms",
                "Events:\n  Warning  BackOff  3m  kubelet  Back-off restarting failed container app",
                "curl -s https://example.com/api -H 'Accept: application/json'",
                "mysql -h db -u app orders < dump.sql",
                "<name>web</name><replicas>3</replicas>",
                "image: registry.example.com:5000/team/app:1.2.3",
                "sort key: .metadata.name; routingKey: orders.created; sortKey: name");
    }

    @ParameterizedTest
    @MethodSource("harmless")
    void ordinaryTextIsNotRedacted(String input) {
        Redaction r = Redactor.redact(input);
        assertThat(r.text()).isEqualTo(input);
        assertThat(r.count()).isZero();
    }

    @Test
    void keyNames() {
        assertThat(SecretNames.label("ENCRYPTION_KEY")).isEqualTo("key");
        assertThat(SecretNames.label("signingKeys")).isEqualTo("key");
        assertThat(SecretNames.label("client-key-data")).isEqualTo("key");
        assertThat(SecretNames.label("API_KEY")).isEqualTo("api_key");
        assertThat(SecretNames.label("key")).isNull();
        assertThat(SecretNames.label("KEY_NAME")).isNull();
        assertThat(SecretNames.label("topologyKey")).isNull();
        assertThat(SecretNames.label("publicKey")).isNull();
        assertThat(SecretNames.label("monkey")).isNull();
    }
}
