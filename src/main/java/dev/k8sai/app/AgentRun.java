package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.CancellationToken;
import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.AgentSession;
import dev.k8sai.agent.RefusedChange;
import dev.k8sai.agent.ToolboxTools;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.config.ConfigFile;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.mcp.client.ExternalMcpServers;
import dev.k8sai.redact.Redactor;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.tools.ChangeGuard;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One agent conversation over one cluster connection, shared by execute/chat and diagnose: the
 * session, its tools and its change guard. Questions are asked one at a time; each streams typed
 * events ({@link AgentListener}) and optionally the answer text. Closing it closes the connection.
 */
public final class AgentRun implements AutoCloseable {

    private final AgentSession session;
    private final AgentTools tools;
    private final SwitchableLlmClient client;
    private final AutoCloseable connection;
    private final ExternalMcpServers external;
    private final ClusterTarget target;
    private LlmConnector llm;
    /** Notes about the run not yet given to a listener. */
    private final List<String> pendingNotes;

    private AgentRun(AgentSession session, AgentTools tools, SwitchableLlmClient client, LlmConnector llm,
                     AutoCloseable connection, ExternalMcpServers external, ClusterTarget target, List<String> notes) {
        this.session = session;
        this.tools = tools;
        this.client = client;
        this.llm = llm;
        this.connection = connection;
        this.external = external;
        this.target = target;
        this.pendingNotes = notes;
    }

    /** The conversation so far with what it cost: what a chat saves, and carries into a run on another model or namespace. */
    public record Conversation(List<dev.k8sai.llm.LlmMessage> messages, TokenUsage usage, int roundTrips) {
        public Conversation {
            messages = List.copyOf(messages);
        }
    }

    public Conversation conversation() {
        // Scrubbed as at the choke point: a value seen unredacted early and learnt as secret later is still raw in
        // the history, and the run this goes to (a saved chat, /namespace, --resume) starts with an empty ledger.
        var ledger = llm.ledger();
        return new Conversation(session.conversation().stream()
                .map(m -> dev.k8sai.llm.ScrubbingLlmClient.scrub(m, ledger::scrub)).toList(),
                session.usage(), session.roundTrips());
    }

    /** Continues {@code conversation} in this run (its own system prompt, tools and model). */
    public void restore(Conversation conversation) {
        session.restore(conversation.messages(), conversation.usage(), conversation.roundTrips());
    }

    /** The cluster this run works on, resolved: context and namespace as the agent was told. */
    public ClusterTarget target() {
        return target;
    }

    /**
     * Builds a run over {@code connection} (null: an offline client, for a dry run's tool definitions);
     * with {@code owns} the run closes the connection when it is closed.
     */
    static AgentRun open(LlmConnector llm, LlmClient first, KubeConnection connection, boolean owns, ClusterTarget target,
                         Map<String, String> env, ChangeGuard guard, boolean compaction, boolean python,
                         String systemPrompt, CancellationToken cancellation) {
        SwitchableLlmClient client = new SwitchableLlmClient(first);
        KubernetesClient kube = connection != null ? connection.client() : offlineClient();
        // Which configured MCP server is missing reaches the person through the first question's listener.
        List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExternalMcpServers external = ExternalMcpServers.connect(mcpServers(llm), notes::add);
        AgentTools tools = AgentTools.build(target, env, guard, kube, python, compaction, llm.ledger(), cancellation, external);
        AgentSession session = new AgentSession(client, ToolboxTools.adapt(tools.toolbox()),
                llm.settings().agentLimits(), systemPrompt, null,
                request -> LlmConnector.tokenEstimator(client.model()).applyAsInt(request));   // the current model's encoding
        session.cancellation(cancellation);
        return new AgentRun(session, tools, client, llm, connection == null ? kube : owns ? connection : () -> { }, external, target,
                notes);
    }

    /** Whether answers stream as text (native tool calling); otherwise only the result carries the answer. */
    public boolean streamsText() {
        return client.nativeToolCalling();
    }

    /**
     * Asks one question. {@code listener} sees every step as it happens (null: none); {@code text}
     * receives the answer as it arrives when {@link #streamsText()} (null: no streaming). Notes about the
     * run (a missing MCP server) go to the first listener given, before the question is asked.
     */
    public AgentResult ask(String message, AgentListener listener, Consumer<String> text) {
        if (listener != null) {
            takeNotes().forEach(listener::onNote);
        }
        session.streamTo(text);
        session.listener(listener);
        int before = tools.guard().decisions().size();
        AgentResult result = session.ask(message);
        List<ChangeGuard.Decision> decided = tools.guard().decisions();
        return result.withRefusedChanges(refused(decided.subList(Math.min(before, decided.size()), decided.size())));
    }

    /** The changes among {@code decisions} that were not made, as every front end reports them. */
    static List<RefusedChange> refused(List<ChangeGuard.Decision> decisions) {
        return decisions.stream().<RefusedChange>mapMulti((d, out) -> {
            RefusedChange.Why why = switch (d.outcome()) {
                case DECLINED -> RefusedChange.Why.DECLINED;
                case REFUSED_BY_POLICY -> RefusedChange.Why.READ_ONLY;
                case NEVER_ALLOWED -> RefusedChange.Why.NEVER_ALLOWED;
                case NOT_A_CHANGE, ALLOWED_BY_POLICY, CONFIRMED -> null;
            };
            if (why != null) {
                // Shown after the answer and kept in JSON (CI logs, the server's events): a literal secret the
                // model put on the command line is redacted there, as everywhere outside the confirmation prompt.
                out.accept(new RefusedChange(Redactor.redact(d.command()).text(), why));
            }
        }).toList();
    }

    /** The notes not yet given to anyone (a dry run, which asks nothing, passes them on itself). */
    List<String> takeNotes() {
        List<String> notes = List.copyOf(pendingNotes);
        pendingNotes.removeAll(notes);
        return notes;
    }

    /** The request the first question would send: what a dry run shows. */
    public LlmRequest previewRequest(String message) {
        return session.previewRequest(message);
    }

    /** Every change reviewed so far, oldest first. */
    public List<ChangeGuard.Decision> decisions() {
        return tools.guard().decisions();
    }

    public TokenUsage usage() {
        return session.usage();
    }

    public int roundTrips() {
        return session.roundTrips();
    }

    /** "profile/model", for transcripts. */
    public String model() {
        return client.describe();
    }

    /**
     * The next questions go to another profile or model, with the conversation so far (its tools, limits and
     * secret ledger stay). The usage line of {@code ExecuteUseCase.open} is not carried over: only the
     * server switches models, and it reports usage per turn itself.
     *
     * @throws AgentException USAGE when the new profile cannot be resolved or uses another tool-calling mode
     */
    public synchronized void switchModel(LlmSettings settings) {
        LlmConnector next = llm.withSettings(settings);
        client.switchTo(next.client(null));
        llm = next;
    }

    /** The profile answering now (its name, model and price per token). */
    public synchronized ProviderProfile profile() {
        return llm.profile();
    }

    @Override
    public void close() {
        external.close();
        try {
            connection.close();
        } catch (Exception e) {
            // closing an HTTP client does not fail in a way the user could act on
        }
    }

    /** Whether the config enables the python tool; an unreadable config means no. */
    static boolean pythonEnabled(LlmConnector llm) {
        try {
            return llm.config().tools().pythonEnabled();
        } catch (AgentException e) {
            return false;
        }
    }

    /** The config's external MCP servers; an unreadable config means none. */
    static Map<String, ConfigFile.McpServer> mcpServers(LlmConnector llm) {
        try {
            return llm.config().mcpServers();
        } catch (AgentException e) {
            return Map.of();
        }
    }

    /** A client that is never used to send anything: it only lets tool definitions be rendered. */
    static KubernetesClient offlineClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:1").build()).build();
    }
}
