package dev.k8sai.server.routes;

import dev.k8sai.server.approvals.ApprovalDesk;
import dev.k8sai.server.approvals.PendingApproval;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/v1/approvals} (anyone signed in) and {@code POST /api/v1/approvals/{id}} (operators). */
public final class ApprovalRoutes implements RouteModule {

    /** {@code decision}: approve or deny. */
    public record DecisionBody(String decision) {
    }

    private final ApprovalDesk desk;

    public ApprovalRoutes(ApprovalDesk desk) {
        this.desk = desk;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/approvals", Role.VIEWER, call ->
                call.json(200, Map.of("approvals", desk.list().stream().map(PendingApproval::view).toList())));
        routes.post("/api/v1/approvals/{id}", Role.OPERATOR, this::decide);
    }

    private void decide(ApiCall call) {
        String decision = call.body(DecisionBody.class).decision();
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            throw ApiException.badRequest("decision must be approve or deny");
        }
        call.audit("operation", "approval").audit("approval", call.pathParam("id")).audit("decision", decision);
        call.json(200, (desk.decide(call.pathParam("id"), decision.equals("approve"), call.user()).view()));
    }
}
