package dev.k8sai.server.http;

import dev.k8sai.server.auth.Role;
import java.util.ArrayList;
import java.util.List;

/** The routes of the server, in registration order; the OpenAPI test compares the document with these. */
public final class RouteTable {

    private final List<Route> routes = new ArrayList<>();

    public RouteTable get(String path, Role requires, Route.ApiHandler handler) {
        return add("GET", path, requires, handler);
    }

    public RouteTable post(String path, Role requires, Route.ApiHandler handler) {
        return add("POST", path, requires, handler);
    }

    public RouteTable delete(String path, Role requires, Route.ApiHandler handler) {
        return add("DELETE", path, requires, handler);
    }

    /** A route anyone may call, without credentials (health, metrics, the API document, login). */
    public RouteTable publicGet(String path, Route.ApiHandler handler) {
        return add("GET", path, null, handler);
    }

    public RouteTable publicPost(String path, Route.ApiHandler handler) {
        return add("POST", path, null, handler);
    }

    private RouteTable add(String method, String path, Role requires, Route.ApiHandler handler) {
        for (Route r : routes) {
            if (r.method().equals(method) && r.path().equals(path)) {
                throw new IllegalStateException("route registered twice: " + method + " " + path);
            }
        }
        routes.add(new Route(method, path, requires, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
