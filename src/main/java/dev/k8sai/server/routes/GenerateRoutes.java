package dev.k8sai.server.routes;

import dev.k8sai.server.auth.Role;
import dev.k8sai.server.generate.GeneratePlans;
import dev.k8sai.server.generate.GeneratedPlan;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;

/**
 * {@code POST /api/v1/generate} (the plan; its apply parked as an approval) and
 * {@code GET /api/v1/generate/{id}} (the plan again, with what became of its apply).
 */
public final class GenerateRoutes implements RouteModule {

    /** generate's options as JSON; {@code readOnly}: plan only (the CLI's -o yaml). */
    public record GenerateBody(String prompt, String namespace, String profile, String model, String language,
                               Integer maxRepairs, Boolean readOnly) {
    }

    private final GeneratePlans plans;

    public GenerateRoutes(GeneratePlans plans) {
        this.plans = plans;
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/api/v1/generate", Role.VIEWER, this::generate);
        routes.get("/api/v1/generate/{id}", Role.VIEWER, this::plan);
    }

    private void generate(ApiCall call) {
        GenerateBody b = call.body(GenerateBody.class);
        call.audit("operation", "generate").audit("namespace", b.namespace()).audit("profile", b.profile())
                .audit("model", b.model());
        GeneratedPlan plan = plans.create(call.user(), new GeneratePlans.Ask(b.prompt(), b.namespace(), b.profile(),
                b.model(), b.language(), b.maxRepairs(), Boolean.TRUE.equals(b.readOnly())));
        call.audit("plan", plan.id()).audit("apply", plan.state().wireName()).audit("tokens", plan.tokens());
        call.json(200, plan.view(call.user()));
    }

    private void plan(ApiCall call) {
        call.json(200, plans.get(call.pathParam("id"), call.user()).view(call.user()));
    }
}
