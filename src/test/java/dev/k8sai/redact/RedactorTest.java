package dev.k8sai.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    static final String SECRET = "hunter2Xq9";

    /** label, input, the planted secret that must vanish, text that must remain. */
    static Stream<Arguments> planted() {
        return Stream.of(
                Arguments.of("numeric password", "MYSQL_ROOT_PASSWORD=123456", "123456", "MYSQL_ROOT_PASSWORD=[REDACTED:password]"),
                Arguments.of("env style", "DB_PASSWORD=" + SECRET + " ./run", SECRET, "DB_PASSWORD=[REDACTED:password] ./run"),
                Arguments.of("cli flag", "mysql --password=" + SECRET + " -h db", SECRET, "--password=[REDACTED:password] -h db"),
                Arguments.of("query string", "GET /cb?access_token=" + SECRET + "&state=1", SECRET, "&state=1"),
                Arguments.of("yaml line", "spec:\n  apiKey: " + SECRET + "\n  replicas: 2", SECRET, "apiKey: [REDACTED:api_key]\n  replicas: 2"),
                Arguments.of("yaml quoted value with spaces", "client_secret: \"a b " + SECRET + "\"", SECRET, "client_secret: [REDACTED:secret]"),
                Arguments.of("yaml block scalar", "credentials: |\n  user=a\n  pw=" + SECRET + "\nnext: 1", SECRET, "credentials: [REDACTED:credential]\nnext: 1"),
                Arguments.of("json field", "log {\"user\": \"bob\", \"password\": \"" + SECRET + "\"} end", SECRET, "\"password\": \"[REDACTED:password]\""),
                Arguments.of("json env entry", "x {\"name\":\"DB_PASSWORD\",\"value\":\"" + SECRET + "\"} y", SECRET, "\"value\":\"[REDACTED:password]\""),
                Arguments.of("flow-style env entry", "env: [{name: API_TOKEN, value: " + SECRET + "}, {name: A, value: b}]", SECRET, "value: [REDACTED:token]}, {name: A, value: b}"),
                Arguments.of("json env entry, value first", "event {\"value\": \"" + SECRET + "\", \"name\": \"SMTP_PASS\"}", SECRET, "\"value\": \"[REDACTED:password]\", \"name\""),
                Arguments.of("yaml env entry", "env:\n- name: GITHUB_TOKEN\n  value: " + SECRET + "\n- name: LOG_LEVEL\n  value: debug", SECRET, "value: debug"),
                Arguments.of("describe env", "    Environment:\n      DB_PWD:  " + SECRET + "\n      MODE:  prod", SECRET, "MODE:  prod"),
                Arguments.of("log inline", "2024 auth failed, token: " + SECRET + " user=bob", SECRET, "user=bob"),
                Arguments.of("authorization header", "Authorization: Bearer abc.def-" + SECRET, SECRET, "Authorization: Bearer [REDACTED:token]"),
                Arguments.of("basic auth header", "authorization: Basic dXNlcjpwYXNz" + SECRET, SECRET, "authorization: Basic [REDACTED:token]"),
                Arguments.of("bearer in curl", "curl -H 'X: Bearer 0123456789abcdef" + SECRET + "' http://x", SECRET, "Bearer [REDACTED:token]"),
                Arguments.of("url credentials", "DATABASE_URL_HOST postgres://admin:" + SECRET + "@db:5432/app", SECRET, "postgres://[REDACTED]@db:5432/app"),
                Arguments.of("pem", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIE" + SECRET + "\n-----END RSA PRIVATE KEY-----\ndone", SECRET, "[REDACTED:private_key]\ndone"),
                Arguments.of("pem unterminated", "-----BEGIN PRIVATE KEY-----\nMIIE" + SECRET, SECRET, "[REDACTED:private_key]"),
                Arguments.of("aws", "id AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE", "[REDACTED:aws_access_key] here"),
                Arguments.of("github", "clone with ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 ok", "ghp_a1B2", "[REDACTED:github_token] ok"),
                Arguments.of("github pat", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "github_pat_11", "[REDACTED:github_token]"),
                Arguments.of("openai", "using sk-proj-" + "Ab12Cd34Ef56Gh78Ij90Kl12 now", "sk-proj-Ab12", "[REDACTED:api_key] now"),
                Arguments.of("slack", "xoxb-1234567890-abcdefghij", "xoxb-1234567890", "[REDACTED:slack_token]"),
                Arguments.of("google", "AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890", "[REDACTED:google_api_key]"),
                Arguments.of("jwt", "sa eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJlMTIzNDU2", "eyJhbGciOiJSUzI1NiJ9", "sa [REDACTED:jwt]"),
                Arguments.of("secret yaml data", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: db
                        data:
                          username: YWRtaW4=
                          tls.key: aHVudGVyMlhxOQ==
                        stringData:
                          config.yaml: |
                            user: a
                            pass: hunter2Xq9
                        type: Opaque
                        """, "aHVudGVyMlhxOQ==", "tls.key: \"[REDACTED:secret_data]\"\nstringData:\n  config.yaml: \"[REDACTED:secret_data]\"\ntype: Opaque"),
                Arguments.of("secret list yaml", """
                        apiVersion: v1
                        items:
                        - apiVersion: v1
                          data:
                            token: aHVudGVyMlhxOQ==
                          kind: Secret
                          metadata:
                            name: t
                        kind: List
                        """, "aHVudGVyMlhxOQ==", "    name: t"),
                Arguments.of("secret json", "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},\"data\":{\"u\":\"aHVudGVyMlhxOQ==\"}}", "aHVudGVyMlhxOQ==", "\"u\" : \"[REDACTED:secret_data]\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("planted")
    void redactsPlantedSecrets(String label, String input, String secret, String expectedFragment) {
        Redaction r = Redactor.redact(input);
        assertThat(r.text()).doesNotContain(secret).contains(expectedFragment);
        assertThat(r.count()).isPositive();
    }

    static Stream<Arguments> harmless() {
        return Stream.of(
                Arguments.of("token ttl (documented: metadata suffix)", "token_ttl_seconds: 30"),
                Arguments.of("secret name reference", "volumes:\n- name: certs\n  secret:\n    secretName: tls-certs"),
                Arguments.of("secretKeyRef", "valueFrom:\n  secretKeyRef:\n    name: db\n    key: password"),
                Arguments.of("env from secret", "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: password"),
                Arguments.of("describe reference", "      DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false"),
                Arguments.of("booleans", "automountServiceAccountToken: false"),
                Arguments.of("variable reference", "PASSWORD=${DB_PASSWORD}"),
                Arguments.of("author", "author: Jane Doe\nauthority: example.com"),
                Arguments.of("prose", "The password for the database is stored in a Secret and the token expired; rotate it."),
                Arguments.of("bearer prose", "Use Bearer authentication with a service account token."),
                Arguments.of("ordinary yaml", "kind: Deployment\nmetadata:\n  name: task-runner\nspec:\n  replicas: 3\n  image: nginx:1.27"),
                Arguments.of("url without credentials", "http://example.com:8080/path?x=1"),
                Arguments.of("words like sk-", "disk-pressure task-0123456789abcdefghijk"),
                Arguments.of("token counts", "usage: prompt_tokens=1234 completion_tokens: 56"),
                Arguments.of("kubernetes words", "Secret db-creds mounted; ServiceAccount token projected; passwordless sudo; keyword author"),
                Arguments.of("configmap json", "{\"kind\":\"ConfigMap\",\"data\":{\"mode\":\"fast\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmless")
    void leavesHarmlessTextAlone(String label, String input) {
        Redaction r = Redactor.redact(input);
        assertThat(r.text()).isEqualTo(input);
        assertThat(r.count()).isZero();
    }

    @Test
    void redactJsonHandlesSecretsEnvAndEmbeddedLastAppliedConfiguration() throws Exception {
        String lastApplied = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"pw\":\"c2VjcmV0\"}}";
        JsonNode pod = new ObjectMapper().readTree("""
                {"kind": "Pod",
                 "metadata": {"name": "api", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": %s}},
                 "spec": {"containers": [{"name": "api", "env": [
                    {"name": "API_KEY", "value": "k-%s"},
                    {"name": "LOG_LEVEL", "value": "debug"}],
                  "args": ["--db=postgres://u:%s@db/x"]}]}}
                """.formatted(new ObjectMapper().writeValueAsString(lastApplied), SECRET, SECRET));
        JsonRedaction r = Redactor.redactJson(pod);
        String out = r.json().toString();
        assertThat(out).doesNotContain(SECRET).doesNotContain("c2VjcmV0")
                .contains("[REDACTED:api_key]", "\"debug\"", "postgres://[REDACTED]@db/x");
        assertThat(r.count()).isEqualTo(3);
        assertThat(pod.toString()).contains(SECRET); // the input is not modified
    }

    @Test
    void fromLiteralValuesAreRedactedWhateverTheKey() {
        String command = "kubectl create secret generic db --from-literal=password=Hunter2x --from-literal 'api=k3y' "
                + "--from-literal=user=\"admin one\"";
        String out = Redactor.redact(command).text();
        assertThat(out).doesNotContain("Hunter2x").doesNotContain("k3y").doesNotContain("admin one")
                .contains("kubectl create secret generic db --from-literal=password=[REDACTED:literal]");
    }

    @Test
    void redactionIsIdempotent() {
        String once = Redactor.redact("password: " + SECRET + "\nAuthorization: Bearer abcdef0123456789xyz").text();
        Redaction twice = Redactor.redact(once);
        assertThat(twice.text()).isEqualTo(once);
        assertThat(twice.count()).isZero();
    }

    @org.junit.jupiter.api.Test
    void longQuotedStringsDoNotOverflowTheStack() {
        String secret = "s3cr3t-".repeat(30_000);
        String panel = "panel ".repeat(30_000);
        String text = "{\"password\": \"" + secret + "\", \"dashboard\": \"" + panel + "\"";  // cut JSON: the text rules run
        Redaction r = Redactor.redact(text);
        org.assertj.core.api.Assertions.assertThat(r.text()).doesNotContain("s3cr3t-").contains(panel);
    }

    @org.junit.jupiter.api.Test
    void urlWithEmptyUserAndPasswordIsRedacted() {
        Redaction r = Redactor.redact("REDIS_URL=redis://:hunter2@redis:6379/0");
        org.assertj.core.api.Assertions.assertThat(r.text()).doesNotContain("hunter2").contains("redis://");
    }

    /** Long tokens of every shape stay linear: a quadratic pattern would take minutes here. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"s3cr3t-", "a.b", "eyJabc.", "sk-", "http://", "k=v ", "x:", "Bearer "})
    void longRepetitiveInputIsRedactedQuickly(String shape) {
        String text = shape.repeat(400_000 / shape.length());
        org.assertj.core.api.Assertions.assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> Redactor.redact(text))).isNotNull();
    }
}
