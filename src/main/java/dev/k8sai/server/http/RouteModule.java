package dev.k8sai.server.http;

/**
 * A group of routes mounted on the server (operations, approvals, login, later MCP and the web page):
 * each module adds its routes to the one table, so authentication, roles, limits, metrics and the audit
 * log apply to every route the same way.
 */
@FunctionalInterface
public interface RouteModule {

    void register(RouteTable routes);
}
