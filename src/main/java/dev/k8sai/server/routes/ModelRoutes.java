package dev.k8sai.server.routes;

import dev.k8sai.app.ModelsUseCase;
import dev.k8sai.config.AgentConfig;
import dev.k8sai.config.ConfigLoader;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.server.ServerTargets;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/profiles} (the configured providers: name, type, model; never a key) and
 * {@code GET /api/v1/models?profile=NAME} (what that endpoint offers), for a model picker.
 */
public final class ModelRoutes implements RouteModule {

    private final ServerTargets targets;
    private final Map<String, String> env;

    public ModelRoutes(ServerTargets targets, Map<String, String> env) {
        this.targets = targets;
        this.env = env;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/profiles", Role.VIEWER, this::profiles);
        routes.get("/api/v1/models", Role.VIEWER, this::models);
    }

    private void profiles(ApiCall call) {
        AgentConfig config = ConfigLoader.load(targets.configFile(), env);
        List<Map<String, Object>> list = config.profiles().values().stream().map(ModelRoutes::view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("defaultProfile", config.profiles().isEmpty() ? null : config.effectiveDefaultProfile());
        body.put("profiles", list);
        call.json(200, body);
    }

    private static Map<String, Object> view(ProviderProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("model", p.model());
        m.put("baseUrl", p.baseUrl());
        if (p.price().known()) {
            m.put("inputPricePerMillion", p.price().inputPerMillion());
            m.put("outputPricePerMillion", p.price().outputPerMillion());
        }
        return m;
    }

    private void models(ApiCall call) {
        String profile = call.query("profile").orElse(null);
        ModelsUseCase.Result result = new ModelsUseCase(env).run(targets.llm(profile, null, null, null));
        call.audit("operation", "models").audit("profile", profile);
        call.json(200, Map.of("profile", profile == null ? "" : profile, "url", result.url(), "models", result.models()));
    }
}
