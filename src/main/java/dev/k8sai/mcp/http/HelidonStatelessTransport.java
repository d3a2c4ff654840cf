package dev.k8sai.mcp.http;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * The SDK's stateless server transport, hand-adapted to Helidon SE. The SDK ships it only as a servlet
 * ({@code HttpServletStatelessServerTransport}) and Helidon SE is not a servlet container; mounting the
 * endpoint as an ordinary route also keeps the server's authentication, audit log and metrics in front
 * of it. The HTTP side (headers, sessions, status codes) is {@link McpHttpRoutes}; this class only hands
 * one parsed message to the SDK's handler and waits for its answer. Handlers run on the request's own
 * (virtual) thread, so blocking here is what the server expects.
 */
final class HelidonStatelessTransport implements McpStatelessServerTransport {

    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    boolean closing() {
        return closing;
    }

    /** The SDK's answer to one request (a result or a JSON-RPC error). */
    McpSchema.JSONRPCResponse request(McpTransportContext context, McpSchema.JSONRPCRequest request) {
        return handler.handleRequest(context, request).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
    }

    /** Lets the SDK see one notification (notifications/initialized, cancellations); there is no answer. */
    void notification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
        handler.handleNotification(context, notification).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
    }
}
