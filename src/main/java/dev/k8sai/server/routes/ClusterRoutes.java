package dev.k8sai.server.routes;

import dev.k8sai.AgentException;
import dev.k8sai.cluster.ClusterFailure;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.server.ServerTargets;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/namespaces}: the server's context (the one every request uses; a client cannot pick
 * another) and the namespaces the user may list, for a namespace selector. Read-only, as the user when
 * the server impersonates; a user whose RBAC refuses the list gets an empty list and a note, not an error,
 * because typing a namespace still works for them. A cluster that cannot be used is an error (502, 504 on a timeout).
 */
public final class ClusterRoutes implements RouteModule {

    private final ServerTargets targets;
    private final Map<String, String> env;

    public ClusterRoutes(ServerTargets targets, Map<String, String> env) {
        this.targets = targets;
        this.env = env;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/namespaces", Role.VIEWER, this::namespaces);
    }

    private void namespaces(ApiCall call) {
        call.audit("operation", "namespaces");
        Map<String, Object> body = new LinkedHashMap<>();
        try (KubeConnection connection = KubeClients.connect(targets.forUser(call.user(), null, true), env)) {
            body.put("context", connection.contextName());
            body.put("defaultNamespace", connection.namespace());
            try {
                body.put("namespaces", connection.client().namespaces().list().getItems().stream()
                        .map(n -> n.getMetadata().getName()).sorted().toList());
            } catch (RuntimeException e) {
                AgentException why = KubeClients.translate(e, "list", "namespaces", connection.serverUrl());
                if (ClusterFailure.of(why) != ClusterFailure.FORBIDDEN) {
                    throw why;   // a cluster that cannot be used is the server's 502/504, not an empty list
                }
                body.put("namespaces", List.of());
                body.put("note", why.getMessage());
            }
        }
        call.json(200, body);
    }
}
