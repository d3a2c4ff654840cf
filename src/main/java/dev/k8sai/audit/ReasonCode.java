package dev.k8sai.audit;

import dev.k8sai.report.Severity;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every reason code the security audit emits, with its fixed severity and the text SARIF rules and
 * the README show. {@link #pssLevel()} is the Pod Security profile a control belongs to (null for
 * checks outside the Pod Security Standards).
 *
 * <p>Severity policy: baseline controls that open a direct path to the node (host namespaces,
 * privileged, HostProcess, hostPath) are critical, the other baseline controls warning; restricted-only
 * controls are warning when the spec asks for something risky (root user, privilege escalation,
 * extra capabilities, non-ephemeral volume types) and info when only a hardening setting is missing.
 */
public enum ReasonCode {
    // Pod Security Standards, baseline
    PSS_HOST_PROCESS("PssHostProcess", Severity.CRITICAL, PssLevel.BASELINE,
            "Windows HostProcess container",
            "Remove securityContext.windowsOptions.hostProcess: HostProcess containers have full access to the node."),
    PSS_HOST_NAMESPACES("PssHostNamespaces", Severity.CRITICAL, PssLevel.BASELINE,
            "Shares host network, PID or IPC namespace",
            "Set hostNetwork, hostPID and hostIPC to false (or leave them unset)."),
    PSS_PRIVILEGED("PssPrivileged", Severity.CRITICAL, PssLevel.BASELINE,
            "Privileged container",
            "Remove securityContext.privileged: true; grant only the specific capabilities needed."),
    PSS_CAPABILITIES("PssCapabilities", Severity.WARNING, PssLevel.BASELINE,
            "Adds capabilities beyond the baseline set",
            "Add only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID or SYS_CHROOT."),
    PSS_HOST_PATH("PssHostPathVolumes", Severity.CRITICAL, PssLevel.BASELINE,
            "Mounts a hostPath volume",
            "Replace hostPath volumes with emptyDir, configMap, secret, projected or PersistentVolumeClaim volumes."),
    PSS_HOST_PORTS("PssHostPorts", Severity.WARNING, PssLevel.BASELINE,
            "Binds a host port",
            "Remove ports[].hostPort; expose the container through a Service instead."),
    PSS_HOST_PROBES("PssHostProbes", Severity.WARNING, PssLevel.BASELINE,
            "Probe or lifecycle hook targets another host",
            "Leave httpGet.host and tcpSocket.host of probes and lifecycle hooks unset (Pod Security Standards v1.34)."),
    PSS_APPARMOR("PssAppArmor", Severity.WARNING, PssLevel.BASELINE,
            "AppArmor profile disabled or overridden",
            "Use AppArmor type RuntimeDefault or Localhost (annotation runtime/default or localhost/*), never Unconfined."),
    PSS_SELINUX("PssSELinux", Severity.WARNING, PssLevel.BASELINE,
            "Custom SELinux user, role or type",
            "Leave seLinuxOptions.user and role unset and use a type among container_t, container_init_t, container_kvm_t, container_engine_t."),
    PSS_PROC_MOUNT("PssProcMount", Severity.WARNING, PssLevel.BASELINE,
            "Unmasked /proc mount",
            "Leave securityContext.procMount unset or Default."),
    PSS_SECCOMP_UNCONFINED("PssSeccompUnconfined", Severity.WARNING, PssLevel.BASELINE,
            "Seccomp explicitly Unconfined",
            "Set seccompProfile.type to RuntimeDefault or Localhost."),
    PSS_SYSCTLS("PssSysctls", Severity.WARNING, PssLevel.BASELINE,
            "Sets an unsafe sysctl",
            "Set only the safe sysctls (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes)."),
    // Pod Security Standards, restricted only
    PSS_VOLUME_TYPES("PssVolumeTypes", Severity.WARNING, PssLevel.RESTRICTED,
            "Volume type not allowed by the restricted profile",
            "Use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes."),
    PSS_PRIVILEGE_ESCALATION("PssPrivilegeEscalation", Severity.WARNING, PssLevel.RESTRICTED,
            "Privilege escalation not disabled",
            "Set securityContext.allowPrivilegeEscalation: false on every container."),
    PSS_RUN_AS_NON_ROOT("PssRunAsNonRoot", Severity.INFO, PssLevel.RESTRICTED,
            "runAsNonRoot not enforced",
            "Set securityContext.runAsNonRoot: true on the pod (or on every container)."),
    PSS_RUN_AS_ROOT_USER("PssRunAsRootUser", Severity.WARNING, PssLevel.RESTRICTED,
            "Runs as user 0 (root)",
            "Set securityContext.runAsUser to a non-zero UID, or leave it unset and let the image's user apply."),
    PSS_SECCOMP_MISSING("PssSeccompMissing", Severity.INFO, PssLevel.RESTRICTED,
            "No seccomp profile",
            "Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or on every container)."),
    PSS_CAPABILITIES_DROP_ALL("PssCapabilitiesDropAll", Severity.INFO, PssLevel.RESTRICTED,
            "Capabilities not dropped",
            "Set securityContext.capabilities.drop: [\"ALL\"] on every container."),
    PSS_CAPABILITIES_RESTRICTED("PssCapabilitiesRestricted", Severity.WARNING, PssLevel.RESTRICTED,
            "Adds a capability other than NET_BIND_SERVICE",
            "Under the restricted profile only NET_BIND_SERVICE may be added."),
    // Misconfiguration
    NO_RESOURCE_REQUESTS("NoResourceRequests", Severity.WARNING, null,
            "Container without cpu/memory requests",
            "Set resources.requests.cpu and resources.requests.memory so the scheduler can place the pod."),
    NO_RESOURCE_LIMITS("NoResourceLimits", Severity.WARNING, null,
            "Container without cpu/memory limits",
            "Set resources.limits (at least memory) so one container cannot starve its node."),
    NO_LIVENESS_PROBE("NoLivenessProbe", Severity.INFO, null,
            "Long-running container without liveness probe",
            "Add a livenessProbe so a hung process is restarted."),
    NO_READINESS_PROBE("NoReadinessProbe", Severity.WARNING, null,
            "Long-running container without readiness probe",
            "Add a readinessProbe so traffic reaches the pod only when it can serve."),
    LATEST_IMAGE_TAG("LatestImageTag", Severity.WARNING, null,
            "Image uses :latest or no tag",
            "Pin images to an immutable version tag or digest."),
    SECRET_IN_ENV("SecretInEnv", Severity.CRITICAL, null,
            "Credential in a plain env value",
            "Move the value to a Secret and reference it with env[].valueFrom.secretKeyRef."),
    AUTOMOUNT_SA_TOKEN("AutomountServiceAccountToken", Severity.INFO, null,
            "Service account token automounted",
            "Set automountServiceAccountToken: false on the pod or its ServiceAccount unless the pod calls the API server."),
    DEFAULT_SERVICE_ACCOUNT("DefaultServiceAccount", Severity.INFO, null,
            "Runs as the default service account",
            "Give the workload its own ServiceAccount so its permissions can be scoped."),
    WRITABLE_ROOT_FS("WritableRootFilesystem", Severity.INFO, null,
            "Writable root filesystem",
            "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir where writes are needed."),
    // RBAC
    RBAC_WILDCARD("RbacWildcard", Severity.WARNING, null,
            "RBAC rule with wildcard verbs, resources or apiGroups",
            "List the verbs, resources and API groups explicitly."),
    CLUSTER_ADMIN_BINDING("ClusterAdminBinding", Severity.CRITICAL, null,
            "cluster-admin bound to a non-system subject",
            "Bind a narrower ClusterRole, or a Role in the namespaces the subject needs."),
    RBAC_SECRETS_READ("RbacSecretsRead", Severity.WARNING, null,
            "Role can read Secrets",
            "Grant get/list/watch on secrets only with resourceNames, and only to subjects that need them."),
    RBAC_POD_EXEC("RbacPodExec", Severity.WARNING, null,
            "Role can exec into pods",
            "Grant create on pods/exec only to operators who need a shell in running pods."),
    RBAC_ESCALATION_VERBS("RbacEscalationVerbs", Severity.CRITICAL, null,
            "Role can escalate, bind or impersonate",
            "Remove the escalate, bind and impersonate verbs: each lets a subject gain permissions it was not granted."),
    RBAC_BROAD_SUBJECT("RbacBroadSubject", Severity.CRITICAL, null,
            "Risky role bound to all users or all service accounts",
            "Bind the role to named users, groups or ServiceAccounts, never to system:authenticated, system:unauthenticated, system:anonymous or system:serviceaccounts."),
    // Images
    IMAGE_VULNERABILITIES("ImageVulnerabilities", Severity.CRITICAL, null,
            "Image has known vulnerabilities",
            "Rebuild the image on a patched base or upgrade the packages listed (FixedVersion)."),
    ;

    private final String code;
    private final Severity severity;
    private final PssLevel pssLevel;
    private final String title;
    private final String help;

    ReasonCode(String code, Severity severity, PssLevel pssLevel, String title, String help) {
        this.code = code;
        this.severity = severity;
        this.pssLevel = pssLevel;
        this.title = title;
        this.help = help;
    }

    /** The CamelCase code written to {@code Finding.reason}. */
    public String code() {
        return code;
    }

    /** The severity findings of this code carry (ImageVulnerabilities: the worst it can be; see TrivyScanner). */
    public Severity severity() {
        return severity;
    }

    /** The Pod Security profile the control belongs to, or null outside the Pod Security Standards. */
    public PssLevel pssLevel() {
        return pssLevel;
    }

    public String title() {
        return title;
    }

    public String help() {
        return help;
    }

    public static Optional<ReasonCode> byCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
