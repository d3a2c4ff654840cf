package dev.k8sai.cli;

import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the analyze --explain tests share: a snapshot with planted secrets (a literal DB_PASSWORD, a URL
 * password and a bearer token in events), the model's reply for its two findings, and analyze --explain
 * through the real command line with the cache and config in a scratch directory.
 */
abstract class AnalyzeExplainTestBase {

    static final String DB_PASSWORD = "hunter2-Sup3rSecret";
    static final String URL_PASSWORD = "s3cr3tPassw0rd";
    static final String BEARER = "abcDEF0123456789ghiJKL0123456789";

    /**
     * One crash-looping pod whose spec holds a literal DB_PASSWORD and whose Warning events quote a
     * URL with user:password and a bearer token, plus a Service that selects no pod.
     */
    static final String SNAPSHOT = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata:
                name: billing-api-6f7d9-abcde
                namespace: payments-prod
                uid: 11111111-0000-4000-8000-000000000001
                creationTimestamp: "2026-11-20T09:00:00Z"
                labels: {app: billing-api}
              spec:
                containers:
                - name: app
                  image: registry.example.com/billing-api:2.1.0
                  env:
                  - name: DB_PASSWORD
                    value: "%s"
              status:
                phase: Running
                conditions:
                - {type: Ready, status: "False", lastTransitionTime: "2026-11-20T09:00:00Z"}
                containerStatuses:
                - name: app
                  image: registry.example.com/billing-api:2.1.0
                  imageID: ""
                  ready: false
                  restartCount: 9
                  state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container}}
                  lastState: {terminated: {exitCode: 1, reason: Error, startedAt: "2026-11-20T09:50:00Z", finishedAt: "2026-11-20T09:50:02Z"}}
            - apiVersion: v1
              kind: Event
              metadata: {name: billing-api-6f7d9-abcde.1, namespace: payments-prod, creationTimestamp: "2026-11-20T09:55:00Z"}
              involvedObject: {kind: Pod, name: billing-api-6f7d9-abcde, namespace: payments-prod, uid: 11111111-0000-4000-8000-000000000001}
              type: Warning
              reason: BackOff
              count: 9
              lastTimestamp: "2026-11-20T09:55:00Z"
              message: "Back-off restarting failed container app: cannot reach postgres://billing:%s@db.payments-prod.svc:5432/billing"
            - apiVersion: v1
              kind: Event
              metadata: {name: billing-api-6f7d9-abcde.2, namespace: payments-prod, creationTimestamp: "2026-11-20T09:56:00Z"}
              involvedObject: {kind: Pod, name: billing-api-6f7d9-abcde, namespace: payments-prod, uid: 11111111-0000-4000-8000-000000000001}
              type: Warning
              reason: Unhealthy
              lastTimestamp: "2026-11-20T09:56:00Z"
              message: "Readiness probe failed: upstream said 401 to Authorization: Bearer %s"
            - apiVersion: v1
              kind: Service
              metadata: {name: ledger-frontend, namespace: payments-prod, creationTimestamp: "2026-11-20T09:00:00Z"}
              spec:
                selector: {app: ledger-frontend}
                ports: [{port: 80, targetPort: 8080}]
            """.formatted(DB_PASSWORD, URL_PASSWORD, BEARER);

    /*
     * Fenced: JsonExtraction takes the first {…} of an unfenced reply before trying arrays, so a bare
     * two-item array would be read as prose (reported to the explain/llm owners).
     */
    static final String REPLY = """
            ```json
            [{"id": 1, "cause": "The application exits at start-up.", "fix": "Check the container logs."},
             {"id": 2, "cause": "No pod carries the selected label.", "fix": "Fix the Service selector."}]
            ```""";

    @TempDir
    Path dir;

    Path snapshot;
    Path cache;

    @BeforeEach
    void writeSnapshot() throws Exception {
        snapshot = dir.resolve("snapshot.yaml");
        Files.writeString(snapshot, SNAPSHOT);
        cache = dir.resolve("cache");
    }

    record Run(int exit, String out, String err) {
    }

    Run run(ScriptedLlmServer server, String... args) {
        CommandLine cl = Main.newCommandLine();
        AnalyzeCommand analyze = (AnalyzeCommand) cl.getSubcommands().get("analyze").getCommand();
        analyze.env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "K8S_AI_AGENT_CACHE", cache.toString(), "XDG_CONFIG_HOME", dir.resolve("no-config").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("analyze", "-f", snapshot.toString(), "--explain", "--no-color"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static String bodies(ScriptedLlmServer server) {
        return String.join("\n", server.chatRequests().stream().map(RecordedRequest::body).toList());
    }

    /** The prompt as the model reads it (JSON string escapes undone). */
    static String prompt(ScriptedLlmServer server) {
        return String.join("\n", server.chatRequests().stream()
                .flatMap(r -> ScriptedLlmServer.messageContents(r).stream()).toList());
    }
}
