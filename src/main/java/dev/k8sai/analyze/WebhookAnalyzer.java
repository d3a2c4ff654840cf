package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport.NotChecked;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validating and mutating admission webhooks whose backing Service is missing or has no ready
 * endpoint. Severity follows failurePolicy: Fail (the admissionregistration/v1 default) rejects
 * every matching API request, so critical; Ignore only skips the webhook, so warning. Webhooks
 * called by URL are not checked. One finding per webhook, on its configuration object.
 *
 * <p>A webhook's Service is judged only where Services were read in its namespace
 * ({@link ClusterSnapshot#unjudged}): with {@code analyze -n shop} the webhook configurations are
 * still listed (cluster-scoped) but cert-manager's Services are not, and "not found" would be a lie;
 * such webhooks are counted as not checked. A namespace known not to exist (the Namespace kind was
 * read) is the exception: the Service is missing whatever else was read — the webhook an
 * uninstalled chart left behind.
 */
public final class WebhookAnalyzer implements Analyzer {

    static final String NAME = "webhook";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(ValidatingWebhookConfiguration.class, MutatingWebhookConfiguration.class,
                Service.class, Namespace.class, EndpointSlice.class, Endpoints.class, Event.class);
    }

    /** One webhook of either configuration kind, flattened so both share the checks. */
    private record Hook(String kind, HasMetadata configuration, String name, WebhookClientConfig client, String failurePolicy) {
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Hook hook : hooks(snapshot)) {
            try {
                check(snapshot, hook).ifPresent(findings::add);
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    @Override
    public List<NotChecked> notChecked(ClusterSnapshot snapshot) {
        NotCheckedTally tally = new NotCheckedTally();
        for (Hook hook : hooks(snapshot)) {
            ServiceReference ref = hook.client() == null ? null : hook.client().getService();
            if (ref != null && ref.getName() != null) {
                tally.count(snapshot, Service.class, ref.getNamespace());
            }
        }
        return tally.result();
    }

    private static List<Hook> hooks(ClusterSnapshot snapshot) {
        List<Hook> hooks = new ArrayList<>();
        for (ValidatingWebhookConfiguration c : snapshot.list(ValidatingWebhookConfiguration.class)) {
            for (ValidatingWebhook w : c.getWebhooks() == null ? List.<ValidatingWebhook>of() : c.getWebhooks()) {
                hooks.add(new Hook("ValidatingWebhookConfiguration", c, w.getName(), w.getClientConfig(), w.getFailurePolicy()));
            }
        }
        for (MutatingWebhookConfiguration c : snapshot.list(MutatingWebhookConfiguration.class)) {
            for (MutatingWebhook w : c.getWebhooks() == null ? List.<MutatingWebhook>of() : c.getWebhooks()) {
                hooks.add(new Hook("MutatingWebhookConfiguration", c, w.getName(), w.getClientConfig(), w.getFailurePolicy()));
            }
        }
        return hooks;
    }

    private Optional<Finding> check(ClusterSnapshot snapshot, Hook hook) {
        ServiceReference ref = hook.client() == null ? null : hook.client().getService();
        if (ref == null || ref.getName() == null || snapshot.unjudged(Service.class, ref.getNamespace()) != null) {
            return Optional.empty(); // URL webhook, or a namespace whose Services were not read
        }
        boolean fail = hook.failurePolicy() == null || "Fail".equals(hook.failurePolicy());
        Severity severity = fail ? Severity.CRITICAL : Severity.WARNING;
        String consequence = fail
                ? "with failurePolicy Fail, matching API requests are rejected"
                : "with failurePolicy Ignore, matching API requests skip this webhook";
        String serviceRef = ref.getNamespace() + "/" + ref.getName();
        Optional<Service> service = snapshot.get(Service.class, ref.getNamespace(), ref.getName());
        if (service.isEmpty()) {
            String missing = snapshot.namespaceAbsent(ref.getNamespace())
                    ? "whose namespace " + ref.getNamespace() + " does not exist" : "which does not exist";
            return Optional.of(finding(snapshot, hook, severity, "WebhookServiceNotFound",
                    "webhook " + hook.name() + " calls Service " + serviceRef + ", " + missing + "; " + consequence + "."));
        }
        if (service.get().getSpec() != null && "ExternalName".equals(service.get().getSpec().getType())) {
            return Optional.empty(); // resolved by DNS, no endpoints to count
        }
        Optional<NetEndpoints.Counts> endpoints = NetEndpoints.of(snapshot, service.get());
        if (endpoints.isPresent() && endpoints.get().ready() == 0) {
            return Optional.of(finding(snapshot, hook, severity, "WebhookServiceNoEndpoints",
                    "webhook " + hook.name() + " calls Service " + serviceRef + ", which has no ready endpoint ("
                            + endpoints.get().notReady() + " not ready); " + consequence + "."));
        }
        return Optional.empty();
    }

    private static Finding finding(ClusterSnapshot snapshot, Hook hook, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, hook.kind(), hook.configuration(), severity, reason, message);
    }
}
