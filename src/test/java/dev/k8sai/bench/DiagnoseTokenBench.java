package dev.k8sai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.cli.Main;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.TokenCounter;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.llm.ToolSpec;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 5 benchmark: tokens sent for a scripted 5-step diagnose, observation compaction on vs off.
 * Loads a realistic namespace into the test API server (60 pods whose objects carry managedFields and
 * last-applied-configuration annotations, Services, ConfigMaps, events), then runs the real
 * {@code diagnose} command twice against {@link ScriptedLlmServer} replaying the same five kubectl
 * calls a model typically makes, and counts the input tokens of every recorded request.
 *
 * <p>Run by scripts/bench-diagnose-tokens.sh. Args: KUBECONFIG. The kubectl binary comes from
 * $K8S_AI_AGENT_KUBECTL or PATH (the script sets them).
 */
public final class DiagnoseTokenBench {

    private static final int PODS = 60;
    private static final String[] APPS = {"payments", "checkout", "catalog", "cart", "search", "frontend"};
    private static final String CRASHING = "payments-5f7c9d8b6-q2x7k";

    private DiagnoseTokenBench() {
    }

    record Step(String command, int observationTokens, int requestTokens) { }

    record ModeResult(String mode, List<Step> steps, int firstRequestTokens, int finalRequestTokens, int totalInput,
                      int reportedInput, long millis, String stopReason) { }

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        String ns = "bench-diag-" + ProcessHandle.current().pid();
        try (KubeConnection connection = KubeClients.connect(kubeconfig, null)) {
            KubernetesClient client = connection.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            try {
                long start = System.nanoTime();
                load(client, ns);
                System.out.printf("loaded namespace %s: %d pods, %d services, %d configmaps, events (%d ms)%n", ns, PODS,
                        APPS.length, APPS.length, (System.nanoTime() - start) / 1_000_000);
                Path config = Files.createTempFile("diagnose-bench", ".yaml");
                List<ModeResult> results = new ArrayList<>();
                for (boolean compaction : new boolean[] {true, false}) {
                    results.add(runOnce(kubeconfig, config, ns, compaction));
                }
                Files.deleteIfExists(config);
                List<Integer> raw = new ArrayList<>();
                for (String command : commands(ns)) {
                    raw.add(TokenCounter.forModel("gpt-4o-mini").count(kubectl(kubeconfig, command)));
                }
                print(results, raw);
            } finally {
                client.namespaces().withName(ns).delete();
            }
        }
    }

    private static List<String> commands(String ns) {
        return List.of(
                "kubectl get pods -n " + ns + " -o json",
                "kubectl get events -n " + ns,
                "kubectl get pod " + CRASHING + " -n " + ns + " -o yaml",
                "kubectl describe pod " + CRASHING + " -n " + ns,
                "kubectl get svc -n " + ns + " -o json");
    }

    private static ModeResult runOnce(Path kubeconfig, Path config, String ns, boolean compaction) throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            Files.writeString(config, """
                    defaultProfile: bench
                    profiles:
                      bench:
                        type: openai-compatible
                        baseUrl: %s
                        model: gpt-4o-mini
                        apiKey: sk-bench
                    """.formatted(server.baseUrl()));
            List<String> commands = commands(ns);
            for (int i = 0; i < commands.size(); i++) {
                server.toolCalls(new ToolCall("call_" + (i + 1), "kubectl",
                        new ObjectMapper().createObjectNode().put("command", commands.get(i)).toString()));
            }
            server.reply("{\"summary\": \"payments exits with code 1 at start-up\", \"symptoms\": [\"CrashLoopBackOff\"], "
                    + "\"evidence\": [\"exit code 1\"], \"rootCause\": \"bad database settings\", \"fix\": [\"fix DB_HOST\"], "
                    + "\"confidence\": \"medium\"}");
            List<String> argv = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "--config", config.toString(),
                    "-n", ns, "-o", "json", "--max-tokens", "10000000", "--max-iterations", "10", "diagnose", "pod/" + CRASHING));
            if (!compaction) {
                argv.add("--no-compaction");
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var cl = Main.newCommandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            long start = System.nanoTime();
            int exit = cl.execute(argv.toArray(String[]::new));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (exit != 0) {
                throw new IllegalStateException("diagnose failed (exit " + exit + "): " + err);
            }
            JsonNode report = new ObjectMapper().readTree(out.toString());
            TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
            List<ScriptedLlmServer.RecordedRequest> requests = server.chatRequests();
            List<Step> steps = new ArrayList<>();
            int total = 0;
            for (int i = 0; i < requests.size(); i++) {
                LlmRequest request = toRequest(requests.get(i).json());
                int tokens = counter.count(request);
                total += tokens;
                if (i > 0) {
                    String observation = request.messages().getLast().text();
                    steps.add(new Step(commands.get(i - 1), counter.count(observation), tokens));
                }
            }
            return new ModeResult(compaction ? "compaction on" : "compaction off", steps,
                    counter.count(toRequest(requests.getFirst().json())), counter.count(toRequest(requests.getLast().json())),
                    total, report.path("usage").path("input").asInt(), millis, report.path("stopReason").asText());
        }
    }

    /** Rebuilds the request from the recorded OpenAI body so it is counted exactly as the agent estimates it. */
    private static LlmRequest toRequest(JsonNode body) {
        List<LlmMessage> messages = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode m : body.path("messages")) {
            String content = m.path("content").asText("");
            switch (m.path("role").asText()) {
                case "system" -> messages.add(new LlmMessage.System(content));
                case "user" -> messages.add(new LlmMessage.User(content));
                case "assistant" -> {
                    List<ToolCall> calls = new ArrayList<>();
                    for (JsonNode c : m.path("tool_calls")) {
                        ToolCall call = new ToolCall(c.path("id").asText(), c.path("function").path("name").asText(),
                                c.path("function").path("arguments").asText());
                        toolNames.put(call.id(), call.name());
                        calls.add(call);
                    }
                    messages.add(new LlmMessage.Assistant(content, calls));
                }
                case "tool" -> {
                    String id = m.path("tool_call_id").asText();
                    messages.add(new LlmMessage.ToolResult(id, toolNames.getOrDefault(id, "kubectl"), content));
                }
                default -> throw new IllegalStateException("unexpected role in " + m);
            }
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) {
            JsonNode f = t.path("function");
            tools.add(new ToolSpec(f.path("name").asText(), f.path("description").asText(), f.path("parameters").toString()));
        }
        return new LlmRequest(messages, tools, null);
    }

    /** The command's output as kubectl prints it, before the agent's compaction, redaction and cap. */
    private static String kubectl(Path kubeconfig, String command) throws Exception {
        String binary = System.getenv().getOrDefault("K8S_AI_AGENT_KUBECTL", "kubectl");
        List<String> argv = new ArrayList<>(List.of(binary, "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(command.substring("kubectl ".length()).split(" ")));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void print(List<ModeResult> results, List<Integer> raw) {
        ModeResult on = results.get(0);
        ModeResult off = results.get(1);
        System.out.println();
        System.out.println("Scripted 5-step diagnose of pod/" + CRASHING + " (tokens: o200k_base via TokenCounter on the recorded requests)");
        System.out.println("obs = tokens of the observation the model got; raw = kubectl's own output (off still caps at 24,000 chars)");
        System.out.printf("%-4s %-52s %9s %10s %10s %10s %10s%n", "step", "tool call", "raw", "obs (on)", "obs (off)", "req (on)", "req (off)");
        for (int i = 0; i < on.steps().size(); i++) {
            Step a = on.steps().get(i);
            Step b = off.steps().get(i);
            System.out.printf("%-4d %-52s %9d %10d %10d %10d %10d%n", i + 1, shorten(a.command()), raw.get(i), a.observationTokens(),
                    b.observationTokens(), a.requestTokens(), b.requestTokens());
        }
        System.out.printf("%-67s %10s %10s %10d %10d%n", "first request (system + tools + facts)", "", "",
                on.firstRequestTokens(), off.firstRequestTokens());
        int obsOn = on.steps().stream().mapToInt(Step::observationTokens).sum();
        int obsOff = off.steps().stream().mapToInt(Step::observationTokens).sum();
        System.out.printf("%-57s %9d %10d %10d%n", "observations, all steps", raw.stream().mapToInt(Integer::intValue).sum(), obsOn, obsOff);
        System.out.printf("%-67s %10s %10s %10d %10d%n", "total input tokens sent (6 requests)", "", "", on.totalInput(), off.totalInput());
        System.out.printf("%-67s %10s %10s %10d %10d%n", "agent's own usage estimate (report.usage.input)", "", "",
                on.reportedInput(), off.reportedInput());
        System.out.printf("ratio off/on: observations %.1fx, total input %.1fx; wall time on %d ms, off %d ms; stop reasons %s / %s%n",
                (double) obsOff / Math.max(1, obsOn), (double) off.totalInput() / Math.max(1, on.totalInput()),
                on.millis(), off.millis(), on.stopReason(), off.stopReason());
    }

    private static String shorten(String command) {
        String s = command.replaceAll(" -n bench-diag-\\d+", " -n NS");
        return s.length() > 52 ? s.substring(0, 51) + "…" : s;
    }

    // ---- the namespace ----

    private static void load(KubernetesClient client, String ns) {
        for (String app : APPS) {
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(app + "-config")
                    .addToLabels("app", app).endMetadata()
                    .addToData(Map.of("LOG_LEVEL", "info", "DB_HOST", "postgres.shop.svc", "FEATURE_FLAGS", "a,b,c",
                            "application.yaml", "server:\n  port: 8080\nmanagement:\n  endpoints: [health, metrics]\n")).build()).create();
            client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(app).addToLabels("app", app)
                    .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration",
                            "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + app + "\",\"namespace\":\"" + ns
                                    + "\"},\"spec\":{\"selector\":{\"app\":\"" + app + "\"},\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"}]}}")
                    .endMetadata().withNewSpec().addToSelector("app", app).addNewPort().withName("http").withPort(80)
                    .withNewTargetPort("http").endPort().endSpec().build()).create();
        }
        for (int i = 0; i < PODS; i++) {
            String app = APPS[i % APPS.length];
            String name = i == 0 ? CRASHING : app + "-5f7c9d8b6-" + String.format("%05d", i);
            Pod spec = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                    .addToLabels(Map.of("app", app, "pod-template-hash", "5f7c9d8b6", "team", "shop", "version", "1.4.2"))
                    .addToAnnotations("prometheus.io/scrape", "true").addToAnnotations("prometheus.io/port", "9090")
                    .endMetadata()
                    .withNewSpec().withServiceAccountName("default").withNodeName("node-" + (i % 3))
                    .addNewContainer().withName("app").withImage("registry.example.com/shop/" + app + ":1.4.2")
                    .addNewPort().withName("http").withContainerPort(8080).endPort()
                    .addNewEnvFrom().withNewConfigMapRef().withName(app + "-config").endConfigMapRef().endEnvFrom()
                    .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                    .addNewEnv().withName("DB_PASSWORD").withValue("s3cr3t-" + app + "-pw").endEnv()
                    .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                    .addToLimits("memory", new Quantity("256Mi")).endResources()
                    .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort("http").endHttpGet().withPeriodSeconds(10).endReadinessProbe()
                    .withNewLivenessProbe().withNewHttpGet().withPath("/livez").withNewPort("http").endHttpGet().withPeriodSeconds(20).endLivenessProbe()
                    .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("config").withNewConfigMap().withName(app + "-config").endConfigMap().endVolume()
                    .endSpec().build();
            // What `kubectl apply` leaves on every object: the whole manifest again, as an annotation.
            spec.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", Serialization.asJson(spec));
            Pod created = client.pods().inNamespace(ns).resource(spec).create();
            boolean crash = i == 0 || i % 20 == 7;
            created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                    .withPodIP("10.42." + i / 200 + "." + i % 200).withHostIP("192.168.1." + (i % 3 + 10)).withStartTime("2026-11-24T09:00:00Z")
                    .withConditions(List.of(
                            new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime("2026-11-24T09:00:00Z").build(),
                            new PodConditionBuilder().withType("Initialized").withStatus("True").withLastTransitionTime("2026-11-24T09:00:01Z").build(),
                            new PodConditionBuilder().withType("ContainersReady").withStatus(crash ? "False" : "True").withLastTransitionTime("2026-11-24T09:00:05Z").build(),
                            new PodConditionBuilder().withType("Ready").withStatus(crash ? "False" : "True").withLastTransitionTime("2026-11-24T09:00:05Z").build()))
                    .withContainerStatuses(new ContainerStatusBuilder().withName("app").withImage("registry.example.com/shop/" + app + ":1.4.2")
                            .withImageID("registry.example.com/shop/" + app + "@sha256:" + "ab12".repeat(16))
                            .withContainerID("containerd://" + "f00d".repeat(16)).withReady(!crash).withStarted(!crash)
                            .withRestartCount(crash ? 14 : 0)
                            .withNewState().withNewWaiting().withReason(crash ? "CrashLoopBackOff" : null)
                            .withMessage(crash ? "back-off 5m0s restarting failed container=app pod=" + name : null).endWaiting().endState()
                            .withNewLastState().withNewTerminated().withExitCode(crash ? 1 : 0).withReason(crash ? "Error" : "Completed")
                            .withStartedAt("2026-11-24T10:04:00Z").withFinishedAt("2026-11-24T10:04:02Z").endTerminated().endLastState()
                            .build())
                    .build());
            if (!crash) {
                created.getStatus().getContainerStatuses().getFirst().setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                        .withNewRunning().withStartedAt("2026-11-24T09:00:03Z").endRunning().build());
                created.getStatus().getContainerStatuses().getFirst().setLastState(null);
            }
            client.pods().inNamespace(ns).resource(created).updateStatus();
            if (crash) {
                event(client, ns, name, "Warning", "BackOff", "Back-off restarting failed container app in pod " + name, 42);
            }
            event(client, ns, name, "Normal", "Pulled", "Container image \"registry.example.com/shop/" + app + ":1.4.2\" already present on machine", 15);
        }
    }

    private static void event(KubernetesClient client, String ns, String pod, String type, String reason, String message, int count) {
        client.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName(pod + "." + reason.toLowerCase())
                .endMetadata().withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withNamespace(ns).withName(pod)
                .withFieldPath("spec.containers{app}").endInvolvedObject().withType(type).withReason(reason).withMessage(message)
                .withCount(count).withFirstTimestamp("2026-11-24T09:00:00Z").withLastTimestamp("2026-11-24T10:30:00Z")
                .withNewSource().withComponent("kubelet").withHost("node-0").endSource().build()).create();
    }
}
