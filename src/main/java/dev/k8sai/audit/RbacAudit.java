package dev.k8sai.audit;

import dev.k8sai.report.Finding;
import dev.k8sai.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Risky RBAC grants, reported on the Role/ClusterRole that holds the rule (naming the subjects bound
 * to it), plus cluster-admin bindings, reported on the ClusterRoleBinding.
 *
 * <p>Kubernetes' own default roles (label kubernetes.io/bootstrapping=rbac-defaults, or a name
 * starting with "system:") are skipped: cluster-admin, admin and edit hold wildcards by design and
 * reporting them on every cluster would bury real findings. Who is <em>bound</em> to cluster-admin is
 * still checked. System subjects (users and groups named system:*, service accounts of kube-system)
 * are not reported for cluster-admin: the control plane needs them. The "everyone" groups
 * (system:authenticated, system:unauthenticated, system:serviceaccounts[:ns], user system:anonymous)
 * are not system subjects: binding a risky role to them is reported as {@code RbacBroadSubject}.
 */
final class RbacAudit {

    static final String ANALYZER = "security";
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final List<String> ESCALATION_VERBS = List.of("escalate", "bind", "impersonate");
    private static final String AGGREGATED = "aggregated into ClusterRole ";
    /** Subjects that stand for every user, every anonymous caller or every service account. */
    private static final Set<String> BROAD_GROUPS = Set.of("system:authenticated", "system:unauthenticated",
            "system:serviceaccounts");
    /** Default ClusterRoles that are risky by design but skipped as rbac-defaults; used when not collected. */
    private static final Set<String> RISKY_DEFAULT_ROLES = Set.of("cluster-admin", "admin", "edit");

    private RbacAudit() {
    }

    static List<Finding> audit(ClusterSnapshot snapshot) {
        List<Finding> out = new ArrayList<>();
        for (ClusterRole role : snapshot.list(ClusterRole.class)) {
            if (!isDefault(role)) {
                List<String> subjects = new ArrayList<>(subjectsOf(snapshot, "ClusterRole", null, name(role)));
                subjects.addAll(aggregatedInto(snapshot, role));
                out.addAll(checkRules(role, role.getRules(), subjects));
            }
        }
        for (Role role : snapshot.list(Role.class)) {
            if (!isDefault(role)) {
                out.addAll(checkRules(role, role.getRules(),
                        subjectsOf(snapshot, "Role", role.getMetadata().getNamespace(), name(role))));
            }
        }
        for (ClusterRoleBinding b : snapshot.list(ClusterRoleBinding.class)) {
            if (b.getRoleRef() == null || !"ClusterRole".equals(b.getRoleRef().getKind())
                    || !"cluster-admin".equals(b.getRoleRef().getName())) {
                continue;
            }
            List<String> nonSystem = subjects(b.getSubjects()).stream().filter(s -> !isSystem(s))
                    .map(RbacAudit::describe).toList();
            if (!nonSystem.isEmpty()) {
                out.add(Finding.of(ANALYZER, "ClusterRoleBinding", null, name(b),
                                ReasonCode.CLUSTER_ADMIN_BINDING.severity(), ReasonCode.CLUSTER_ADMIN_BINDING.code(),
                                "binds cluster-admin to " + String.join(", ", nonSystem))
                        .withParent("ClusterRole/cluster-admin"));
            }
        }
        out.addAll(broadBindings(snapshot));
        return out;
    }

    /**
     * Bindings that grant a risky role (one with any RBAC finding, default roles included) to an
     * "everyone" subject. cluster-admin through a ClusterRoleBinding is already ClusterAdminBinding.
     */
    private static List<Finding> broadBindings(ClusterSnapshot snapshot) {
        List<Finding> out = new ArrayList<>();
        List<HasMetadata> bindings = new ArrayList<>(snapshot.list(ClusterRoleBinding.class));
        bindings.addAll(snapshot.list(RoleBinding.class));
        for (HasMetadata b : bindings) {
            RoleRef ref = b instanceof ClusterRoleBinding crb ? crb.getRoleRef() : ((RoleBinding) b).getRoleRef();
            List<Subject> subjects = subjects(b instanceof ClusterRoleBinding crb ? crb.getSubjects()
                    : ((RoleBinding) b).getSubjects());
            List<String> broad = subjects.stream().filter(RbacAudit::isBroad).map(RbacAudit::describe).toList();
            if (ref == null || ref.getName() == null || broad.isEmpty()
                    || (b instanceof ClusterRoleBinding && "ClusterRole".equals(ref.getKind())
                    && "cluster-admin".equals(ref.getName()))) {
                continue;
            }
            Optional<? extends HasMetadata> role = "ClusterRole".equals(ref.getKind())
                    ? snapshot.get(ClusterRole.class, null, ref.getName())
                    : snapshot.get(Role.class, ClusterSnapshot.namespaceOrNull(b), ref.getName());
            List<String> risks;
            if (role.isPresent()) {
                List<PolicyRule> rules = role.get() instanceof ClusterRole cr ? cr.getRules() : ((Role) role.get()).getRules();
                risks = checkRules(role.get(), rules, List.of()).stream().map(Finding::reason).toList();
            } else if ("ClusterRole".equals(ref.getKind()) && RISKY_DEFAULT_ROLES.contains(ref.getName())) {
                risks = List.of("a default role with write access");
            } else {
                continue; // role not collected: cannot tell whether it is risky
            }
            if (!risks.isEmpty()) {
                ReasonCode code = ReasonCode.RBAC_BROAD_SUBJECT;
                out.add(Finding.of(ANALYZER, b.getKind(), ClusterSnapshot.namespaceOrNull(b), name(b), code.severity(),
                                code.code(), "binds " + ref.getKind() + " " + ref.getName() + " (" + String.join(", ", risks)
                                        + ") to " + String.join(", ", broad))
                        .withParent(ref.getKind() + "/" + ("Role".equals(ref.getKind())
                                ? ClusterSnapshot.namespaceOrNull(b) + "/" : "") + ref.getName()));
            }
        }
        return out;
    }

    /**
     * The ClusterRoles whose aggregationRule selects this role: its rules are copied into them, so
     * "not bound" would be wrong. The default admin/edit/view select by well-known labels, also
     * when they were not collected. Only matchLabels selectors are matched (matchExpressions are
     * rare on aggregation rules; such a selector claims nothing).
     */
    private static List<String> aggregatedInto(ClusterSnapshot snapshot, ClusterRole role) {
        Map<String, String> labels = role.getMetadata().getLabels() == null ? Map.of() : role.getMetadata().getLabels();
        Set<String> into = new java.util.TreeSet<>();
        for (String target : List.of("admin", "edit", "view")) {
            if ("true".equals(labels.get("rbac.authorization.k8s.io/aggregate-to-" + target))) {
                into.add(target);
            }
        }
        for (ClusterRole aggregate : snapshot.list(ClusterRole.class)) {
            if (aggregate == role || aggregate.getAggregationRule() == null
                    || aggregate.getAggregationRule().getClusterRoleSelectors() == null) {
                continue;
            }
            for (var selector : aggregate.getAggregationRule().getClusterRoleSelectors()) {
                Map<String, String> match = selector == null ? null : selector.getMatchLabels();
                boolean hasExpressions = selector != null && selector.getMatchExpressions() != null
                        && !selector.getMatchExpressions().isEmpty();
                if (match != null && !match.isEmpty() && !hasExpressions
                        && match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                    into.add(name(aggregate));
                }
            }
        }
        return into.stream().map(n -> AGGREGATED + n).toList();
    }

    /** All users, anonymous callers, or all service accounts (of a namespace other than kube-system). */
    static boolean isBroad(Subject s) {
        String name = s.getName() == null ? "" : s.getName();
        if ("Group".equals(s.getKind())) {
            return BROAD_GROUPS.contains(name)
                    || (name.startsWith("system:serviceaccounts:") && !"system:serviceaccounts:kube-system".equals(name));
        }
        return "User".equals(s.getKind()) && "system:anonymous".equals(name);
    }

    private static List<Finding> checkRules(HasMetadata role, List<PolicyRule> rules, List<String> subjects) {
        List<String> wildcard = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> exec = new ArrayList<>();
        Set<String> escalation = new LinkedHashSet<>();
        int index = 0;
        for (PolicyRule rule : rules == null ? List.<PolicyRule>of() : rules) {
            index++;
            if (rule == null) {
                continue; // "rules: [~]" in a hand-written file snapshot
            }
            List<String> verbs = list(rule.getVerbs());
            List<String> resources = list(rule.getResources());
            List<String> groups = list(rule.getApiGroups());
            if (verbs.contains("*") || resources.contains("*") || groups.contains("*")
                    || list(rule.getNonResourceURLs()).contains("*")
                    || list(rule.getNonResourceURLs()).contains("/*")) { // "/*" matches every non-resource URL too
                wildcard.add("rule " + index + " " + describe(rule));
            }
            boolean core = groups.contains("") || groups.contains("*");
            // Reads limited by resourceNames are the least-privilege form the RbacSecretsRead help recommends.
            boolean named = !list(rule.getResourceNames()).isEmpty();
            if (core && !named && (resources.contains("secrets") || resources.contains("*"))
                    && (verbs.contains("*") || verbs.stream().anyMatch(READ_VERBS::contains))) {
                secrets.add("rule " + index + " " + describe(rule));
            }
            if (core && (resources.contains("pods/exec") || resources.contains("pods/*") || resources.contains("*"))
                    && (verbs.contains("create") || verbs.contains("*"))) {
                exec.add("rule " + index + " " + describe(rule));
            }
            ESCALATION_VERBS.stream().filter(verbs::contains).forEach(escalation::add);
        }
        List<Finding> out = new ArrayList<>();
        List<String> bound = subjects.stream().filter(x -> !x.startsWith(AGGREGATED)).toList();
        List<String> aggregated = subjects.stream().filter(x -> x.startsWith(AGGREGATED)).toList();
        String boundTo = (bound.isEmpty() && aggregated.isEmpty() ? "; not bound to any subject"
                : bound.isEmpty() ? "" : "; bound to " + String.join(", ", bound))
                + (aggregated.isEmpty() ? "" : "; " + String.join(", ", aggregated));
        add(out, role, ReasonCode.RBAC_WILDCARD, wildcard.isEmpty() ? null
                : "wildcard in " + String.join("; ", wildcard) + boundTo);
        add(out, role, ReasonCode.RBAC_SECRETS_READ, secrets.isEmpty() ? null
                : "can read secrets via " + String.join("; ", secrets) + boundTo);
        add(out, role, ReasonCode.RBAC_POD_EXEC, exec.isEmpty() ? null
                : "can exec into pods via " + String.join("; ", exec) + boundTo);
        add(out, role, ReasonCode.RBAC_ESCALATION_VERBS, escalation.isEmpty() ? null
                : "grants the " + String.join(", ", escalation) + " verb" + (escalation.size() > 1 ? "s" : "") + boundTo);
        return out;
    }

    private static void add(List<Finding> out, HasMetadata role, ReasonCode code, String message) {
        if (message != null) {
            out.add(Finding.of(ANALYZER, role.getKind(), ClusterSnapshot.namespaceOrNull(role), name(role),
                    code.severity(), code.code(), message));
        }
    }

    /** Subjects of every binding that references this role, as "User alice", "ServiceAccount ns/sa". */
    private static List<String> subjectsOf(ClusterSnapshot snapshot, String kind, String namespace, String name) {
        Set<String> result = new LinkedHashSet<>();
        if ("ClusterRole".equals(kind)) {
            for (ClusterRoleBinding b : snapshot.list(ClusterRoleBinding.class)) {
                if (refersTo(b.getRoleRef(), kind, name)) {
                    subjects(b.getSubjects()).forEach(s -> result.add(describe(s)));
                }
            }
        }
        for (RoleBinding b : namespace == null ? snapshot.list(RoleBinding.class) : snapshot.list(RoleBinding.class, namespace)) {
            if (refersTo(b.getRoleRef(), kind, name)) {
                subjects(b.getSubjects()).forEach(s -> result.add(describe(s)
                        + ("ClusterRole".equals(kind) ? " (in " + b.getMetadata().getNamespace() + ")" : "")));
            }
        }
        return List.copyOf(result);
    }

    private static boolean refersTo(RoleRef ref, String kind, String name) {
        return ref != null && kind.equals(ref.getKind()) && name.equals(ref.getName());
    }

    private static List<Subject> subjects(List<Subject> subjects) {
        return subjects == null ? List.of() : subjects.stream().filter(java.util.Objects::nonNull).toList();
    }

    static boolean isSystem(Subject s) {
        if ("ServiceAccount".equals(s.getKind())) {
            return "kube-system".equals(s.getNamespace());
        }
        if (isBroad(s)) {
            return false;
        }
        String name = s.getName() == null ? "" : s.getName();
        if (name.startsWith("system:serviceaccount:")) { // a service account named as a User
            return name.startsWith("system:serviceaccount:kube-system:");
        }
        return name.startsWith("system:");
    }

    private static String describe(Subject s) {
        return "ServiceAccount".equals(s.getKind()) ? "ServiceAccount " + s.getNamespace() + "/" + s.getName()
                : s.getKind() + " " + s.getName();
    }

    private static String describe(PolicyRule rule) {
        StringBuilder sb = new StringBuilder("(verbs ").append(list(rule.getVerbs()));
        if (!list(rule.getResources()).isEmpty()) {
            sb.append(", resources ").append(list(rule.getResources()))
                    .append(", apiGroups ").append(list(rule.getApiGroups()).stream().map(g -> g.isEmpty() ? "\"\"" : g).toList());
        }
        if (!list(rule.getNonResourceURLs()).isEmpty()) {
            sb.append(", nonResourceURLs ").append(list(rule.getNonResourceURLs()));
        }
        return sb.append(')').toString();
    }

    private static boolean isDefault(HasMetadata role) {
        Map<String, String> labels = role.getMetadata().getLabels();
        return name(role).startsWith("system:")
                || (labels != null && "rbac-defaults".equals(labels.get("kubernetes.io/bootstrapping")));
    }

    private static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
