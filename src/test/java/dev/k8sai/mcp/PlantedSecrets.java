package dev.k8sai.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.testing.cluster.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster the MCP tests read, whatever the transport: a crash-looping pod (analyze's finding), a
 * Secret, a ConfigMap holding the Secret's value under an innocent key, and a pod whose env holds
 * planted credentials; and the checks that none of the planted values ever reaches a client.
 */
public final class PlantedSecrets {

    public static final String SECRET_VALUE = "planted-s3cret-value-8812";
    public static final String ENV_PASSWORD = "planted-env-pw-4471";
    public static final String ENV_AWS_KEY = "AKIAQWERTYUIOPASDFGH";
    public static final String CRASHING_POD = "payments-7c9d-x2x";

    private PlantedSecrets() {
    }

    public static void plant(TestNamespace ns) {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        ns.apply("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db-credentials}
                stringData: {password: %s}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: innocent}
                data: {colour: %s}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: api-0, labels: {app: api}}
                spec:
                  containers:
                  - name: app
                    image: registry.example.com/api:2.0
                    env:
                    - {name: DB_PASSWORD, value: %s}
                    - {name: UPSTREAM_KEY_ID, value: %s}
                    - {name: GREETING, value: hello-from-api}
                """.formatted(SECRET_VALUE, SECRET_VALUE, ENV_PASSWORD, ENV_AWS_KEY));
    }

    public static void assertNoneIn(String text, String what) {
        assertThat(text).as(what).doesNotContain(SECRET_VALUE).doesNotContain(ENV_PASSWORD).doesNotContain(ENV_AWS_KEY);
    }

    /** The reasons analyze's findings JSON gives for the crash-looping pod. */
    public static List<String> crashingPodReasons(String findingsJson) {
        List<String> reasons = new ArrayList<>();
        try {
            PythonMcp.JSON.readTree(findingsJson).path("findings").forEach(f -> {
                if (f.toString().contains(CRASHING_POD)) {
                    reasons.add(f.path("reason").asText());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }

    /** The tool names a drive script saw listed. */
    public static List<String> toolNames(JsonNode out) {
        List<String> names = new ArrayList<>();
        out.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    public static final String[] SERVED_TOOLS = {"analyze", "audit", "explain_findings", "diagnose", "get_resources", "get_events",
        "pod_logs", "kubectl"};
}
