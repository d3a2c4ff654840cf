package dev.k8sai.mcp.http;

import dev.k8sai.app.LlmSettings;
import dev.k8sai.app.ToolCalls;
import dev.k8sai.mcp.McpJson;
import dev.k8sai.mcp.McpTools;
import dev.k8sai.mcp.TokenBudget;
import dev.k8sai.mcp.ToolContext;
import dev.k8sai.mcp.WritePolicy;
import dev.k8sai.server.ServerTargets;
import dev.k8sai.server.approvals.ApprovalDesk;
import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import dev.k8sai.server.limits.DailyTokens;
import dev.k8sai.tools.Approver;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The MCP streamable-HTTP endpoint of {@code serve} at {@code /mcp}: the same tools as
 * {@code k8s-ai-agent mcp}, behind the server's authentication (a viewer token lists and reads; the
 * route wrapper answers 401 without one), audit log and metrics. POST carries one JSON-RPC message and
 * is answered with one JSON response (the spec allows JSON instead of an SSE stream); there is no GET
 * stream, as the server never sends requests of its own; DELETE ends the session.
 *
 * <p>Cluster reads go through the server's target as the user (with --impersonate). A change is never
 * run on the client's word: the stateless transport cannot ask the person at the client (no
 * elicitation over it), so with --allow-writes a change by an operator becomes a pending approval of the
 * server's {@link ApprovalDesk}, decided at {@code /api/v1/approvals} by an operator, and the tool call
 * waits for the decision. Without --allow-writes, with --read-only, or for a viewer, it is refused.
 */
public final class McpHttpRoutes implements RouteModule, AutoCloseable {

    public static final String PATH = "/mcp";
    private static final String SESSION = "k8sai.mcp.session";
    private static final String CALL = "k8sai.mcp.call";

    private final ServerTargets targets;
    private final ApprovalDesk desk;
    private final WritePolicy policy;
    private final Map<String, String> env;
    private final DailyTokens tokens;
    private final HelidonStatelessTransport transport = new HelidonStatelessTransport();
    private final McpSessions sessions = new McpSessions();
    private final McpStatelessSyncServer server;

    /** {@code tokens}: the users' daily budget, which the tools that call the model draw on like runs and explain. */
    public McpHttpRoutes(ServerTargets targets, ApprovalDesk desk, WritePolicy policy, DailyTokens tokens, Map<String, String> env,
                         String version) {
        this.tokens = tokens;
        this.targets = targets;
        this.desk = desk;
        this.policy = policy;
        this.env = env;
        LlmSettings llm = targets.llm(null, null, null, null);
        this.server = McpServer.sync(transport)
                .serverInfo(McpTools.SERVER_NAME, version)
                .jsonMapper(McpJson.mapper())
                .jsonSchemaValidator(McpJson.validator())
                .capabilities(McpTools.capabilities())
                .instructions(McpTools.INSTRUCTIONS)
                .requestTimeout(McpTools.REQUEST_TIMEOUT)
                // tools run on the request's virtual thread, not on a Reactor pool
                .immediateExecution(true)
                .tools(McpTools.all(llm, env).stream().map(t -> t.stateless(this::toolContext)).toList())
                .build();
    }

    @Override
    public void register(RouteTable routes) {
        // no GET: the server sends no requests of its own, so it opens no server-to-client stream
        routes.post(PATH, Role.VIEWER, this::post);
        routes.delete(PATH, Role.VIEWER, this::end);
    }

    private void post(ApiCall call) {
        if (transport.closing()) {
            throw new ApiException(503, "the server is shutting down");
        }
        String accept = call.header("Accept").orElse("");
        if (!accept.contains("application/json") || !accept.contains("text/event-stream")) {
            throw ApiException.badRequest("an MCP client accepts both application/json and text/event-stream");
        }
        McpSchema.JSONRPCMessage message;
        try {
            String body = call.request().content().hasEntity()
                    ? new String(call.request().content().as(byte[].class), StandardCharsets.UTF_8) : "";
            message = McpSchema.deserializeJsonRpcMessage(McpJson.mapper(), body);
        } catch (IOException | IllegalArgumentException e) {
            rpcError(call, 400, null, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message");
            return;
        }
        call.audit("operation", "mcp");
        switch (message) {
            case McpSchema.JSONRPCRequest request -> request(call, request);
            case McpSchema.JSONRPCNotification notification -> {
                call.audit("mcpMethod", notification.method());
                transport.notification(context(session(call), call), notification);
                call.response().status(202).send();
            }
            default -> rpcError(call, 400, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "this server sends no requests, so it accepts no responses");
        }
    }

    private void request(ApiCall call, McpSchema.JSONRPCRequest request) {
        call.audit("mcpMethod", request.method());
        if (request.params() instanceof Map<?, ?> params && McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
            // as a run's tool lines do: what exactly was asked (a kubectl command line, a namespace…)
            call.audit("tool", params.get("name")).audit("arguments", params.get("arguments"));
        }
        McpSessions.Session session;
        if (McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            session = sessions.open(call.user(), () -> new ToolCalls(targets.forUser(call.user(), null, false), env));
            call.response().header(HttpHeaders.MCP_SESSION_ID, session.id);
        } else {
            session = session(call);
        }
        McpSchema.JSONRPCResponse response = transport.request(context(session, call), request);
        try {
            call.send(200, "application/json", McpJson.MAPPER.writeValueAsBytes(response));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the MCP response", e);
        }
    }

    /** DELETE: the client is done; its session's tools close and a change it still waits for is denied. */
    private void end(ApiCall call) {
        String id = call.header(HttpHeaders.MCP_SESSION_ID).orElseThrow(() -> ApiException.badRequest("no Mcp-Session-Id header"));
        if (!sessions.end(id, call.user())) {
            throw ApiException.notFound("no such MCP session");
        }
        desk.denyPendingOf(runId(id));
        call.response().status(204).send();
    }

    /** The request's session: 400 without the header, 404 (the client then starts a new one) when unknown or not the user's. */
    private McpSessions.Session session(ApiCall call) {
        String id = call.header(HttpHeaders.MCP_SESSION_ID)
                .orElseThrow(() -> ApiException.badRequest("no Mcp-Session-Id header: initialize first"));
        return sessions.find(id, call.user()).orElseThrow(() -> ApiException.notFound("no such MCP session (expired?): initialize again"));
    }

    /** The tools run on the request's thread ({@code immediateExecution}), so a tool call may add to its request's audit line. */
    private static McpTransportContext context(McpSessions.Session session, ApiCall call) {
        return McpTransportContext.create(Map.of(SESSION, session, CALL, call));
    }

    /** What a tool call of this session gets: its tools and a guard that parks changes at the approval desk. */
    private ToolContext toolContext(McpTransportContext transportContext) {
        McpSessions.Session session = (McpSessions.Session) transportContext.get(SESSION);
        AuthenticatedUser user = session.owner;
        Approver approver = user.has(Role.OPERATOR) ? desk.approverFor(user, runId(session.id), pending -> { }) : null;
        return new ToolContext(session.calls, policy.guard(approver), policy.refusalReason(approver == null
                ? "Your role (" + user.role().wireName() + ") may not request changes; an operator's token is needed." : null),
                new UserBudget(tokens, user.name(), (ApiCall) transportContext.get(CALL)));
    }

    /**
     * The session owner's daily budget: what the REST routes answer with 429 is the tool call's error here;
     * what a call used appears as {@code tokens} in its request's audit line, as for the REST routes.
     */
    private record UserBudget(DailyTokens tokens, String user, ApiCall call) implements TokenBudget {
        @Override
        public Integer cap() {
            try {
                return tokens.capFor(user);
            } catch (ApiException spent) {
                throw new TokenBudget.Spent(spent.getMessage());
            }
        }

        @Override
        public void charge(long used) {
            tokens.charge(user, used);
            call.audit("tokens", used);
        }
    }

    /** How the approval desk and the audit log name the changes of one MCP session. */
    static String runId(String sessionId) {
        return "mcp-" + sessionId.substring(0, 12);
    }

    private static void rpcError(ApiCall call, int status, Object id, int code, String message) {
        try {
            // written by hand: the SDK's JSONRPCResponse refuses the null id a parse error carries
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("jsonrpc", "2.0");
            error.put("id", id);
            error.put("error", Map.of("code", code, "message", message));
            call.send(status, "application/json", McpJson.MAPPER.writeValueAsBytes(error));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the MCP error", e);
        }
    }

    @Override
    public void close() {
        server.closeGracefully();
        sessions.close();
    }
}
