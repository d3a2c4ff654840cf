package dev.k8sai.audit;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.audit.Workload.ContainerView;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The controls of the Pod Security Standards v1.34 (baseline and restricted), evaluated on one pod
 * spec. Hand-written because no Java library implements them; the rules follow the policy table of
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/ field by field.
 *
 * <p>Each control yields at most one violation per workload, naming every offending container or
 * field, so a pod with five privileged containers is one finding, not five. A control violated at the
 * baseline level is not reported again by the stricter restricted control on the same fields
 * (e.g. hostPath is a baseline violation and is not repeated as a restricted volume type).
 */
public final class PodSecurityStandards {

    /** One violated control and the concrete offending values. */
    public record Violation(ReasonCode code, String message) {
    }

    static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
    private static final ObjectMapper JSON = Mappers.JSON;

    private PodSecurityStandards() {
    }

    /** All violated controls of both profiles, baseline first. */
    public static List<Violation> evaluate(Workload workload) {
        PodSpec spec = workload.spec();
        PodSecurityContext psc = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
        List<ContainerView> containers = workload.containers();
        // Windows pods are exempt from the Linux-only restricted controls, as in the standard.
        boolean windows = spec.getOs() != null && "windows".equalsIgnoreCase(spec.getOs().getName());
        List<Violation> out = new ArrayList<>();

        // --- baseline ---
        List<String> hostProcess = new ArrayList<>();
        if (hostProcess(psc.getWindowsOptions())) {
            hostProcess.add("pod");
        }
        containers.stream().filter(c -> hostProcess(sc(c).getWindowsOptions())).map(ContainerView::label).forEach(hostProcess::add);
        add(out, ReasonCode.PSS_HOST_PROCESS, hostProcess, "windowsOptions.hostProcess is true for %s");

        List<String> hostNs = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            hostNs.add("hostNetwork");
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            hostNs.add("hostPID");
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            hostNs.add("hostIPC");
        }
        add(out, ReasonCode.PSS_HOST_NAMESPACES, hostNs, "pod sets %s to true");

        add(out, ReasonCode.PSS_PRIVILEGED, labels(containers, c -> Boolean.TRUE.equals(sc(c).getPrivileged())),
                "securityContext.privileged is true for %s");

        List<String> badCaps = new ArrayList<>();
        List<String> restrictedCaps = new ArrayList<>();
        for (ContainerView c : containers) {
            List<String> added = added(sc(c).getCapabilities());
            List<String> notBaseline = added.stream().filter(a -> !BASELINE_CAPABILITIES.contains(a)).toList();
            if (!notBaseline.isEmpty()) {
                badCaps.add(c.label() + " adds " + String.join(", ", notBaseline));
            }
            List<String> notRestricted = added.stream()
                    .filter(a -> BASELINE_CAPABILITIES.contains(a) && !"NET_BIND_SERVICE".equals(a)).toList();
            if (!notRestricted.isEmpty()) {
                restrictedCaps.add(c.label() + " adds " + String.join(", ", notRestricted));
            }
        }
        add(out, ReasonCode.PSS_CAPABILITIES, badCaps, "%s (outside the baseline set)");

        List<String> hostPaths = volumes(spec).stream().filter(v -> v.getHostPath() != null)
                .map(v -> v.getName() + " (" + v.getHostPath().getPath() + ")").toList();
        add(out, ReasonCode.PSS_HOST_PATH, hostPaths, "hostPath volume %s");

        List<String> hostPorts = new ArrayList<>();
        for (ContainerView c : containers) {
            for (ContainerPort p : c.ports()) {
                if (p.getHostPort() != null && p.getHostPort() != 0) {
                    hostPorts.add(c.label() + " hostPort " + p.getHostPort());
                }
            }
        }
        add(out, ReasonCode.PSS_HOST_PORTS, hostPorts, "%s");

        List<String> hostProbes = new ArrayList<>();
        for (ContainerView c : containers) {
            probeHost(c.livenessProbe()).ifPresent(h -> hostProbes.add(c.label() + " livenessProbe host " + h));
            probeHost(c.readinessProbe()).ifPresent(h -> hostProbes.add(c.label() + " readinessProbe host " + h));
            probeHost(c.startupProbe()).ifPresent(h -> hostProbes.add(c.label() + " startupProbe host " + h));
            if (c.lifecycle() != null) {
                handlerHost(c.lifecycle().getPostStart()).ifPresent(h -> hostProbes.add(c.label() + " postStart host " + h));
                handlerHost(c.lifecycle().getPreStop()).ifPresent(h -> hostProbes.add(c.label() + " preStop host " + h));
            }
        }
        add(out, ReasonCode.PSS_HOST_PROBES, hostProbes, "%s");

        List<String> appArmor = new ArrayList<>();
        if (badAppArmor(psc.getAppArmorProfile())) {
            appArmor.add("pod appArmorProfile " + psc.getAppArmorProfile().getType());
        }
        for (ContainerView c : containers) {
            if (badAppArmor(sc(c).getAppArmorProfile())) {
                appArmor.add(c.label() + " appArmorProfile " + sc(c).getAppArmorProfile().getType());
            }
        }
        new TreeSet<>(workload.podAnnotations().keySet()).stream()
                .filter(k -> k.startsWith(APPARMOR_ANNOTATION_PREFIX))
                .filter(k -> badAppArmorAnnotation(workload.podAnnotations().get(k)))
                .forEach(k -> appArmor.add("annotation " + k + "=" + workload.podAnnotations().get(k)));
        add(out, ReasonCode.PSS_APPARMOR, appArmor, "%s");

        List<String> selinux = new ArrayList<>();
        selinuxProblem(psc.getSeLinuxOptions()).ifPresent(p -> selinux.add("pod " + p));
        for (ContainerView c : containers) {
            selinuxProblem(sc(c).getSeLinuxOptions()).ifPresent(p -> selinux.add(c.label() + " " + p));
        }
        add(out, ReasonCode.PSS_SELINUX, selinux, "%s");

        add(out, ReasonCode.PSS_PROC_MOUNT, containers.stream()
                        .filter(c -> sc(c).getProcMount() != null && !sc(c).getProcMount().isEmpty()
                                && !"Default".equals(sc(c).getProcMount()))
                        .map(c -> c.label() + " procMount " + sc(c).getProcMount()).toList(),
                "%s");

        List<String> unconfined = new ArrayList<>();
        if (isType(psc.getSeccompProfile(), "Unconfined")) {
            unconfined.add("pod");
        }
        containers.stream().filter(c -> isType(sc(c).getSeccompProfile(), "Unconfined")).map(ContainerView::label)
                .forEach(unconfined::add);
        add(out, ReasonCode.PSS_SECCOMP_UNCONFINED, unconfined, "seccompProfile Unconfined for %s");

        List<String> sysctls = psc.getSysctls() == null ? List.of() : psc.getSysctls().stream()
                .filter(java.util.Objects::nonNull).map(Sysctl::getName).filter(n -> n != null && !SAFE_SYSCTLS.contains(n)).toList();
        add(out, ReasonCode.PSS_SYSCTLS, sysctls, "pod sets sysctl %s");

        // --- restricted ---
        List<String> volumeTypes = new ArrayList<>();
        for (Volume v : volumes(spec)) {
            if (v.getHostPath() != null) {
                continue; // reported by the baseline hostPath control
            }
            String type = volumeType(v);
            if (!RESTRICTED_VOLUME_TYPES.contains(type)) {
                volumeTypes.add(v.getName() + " (" + type + ")");
            }
        }
        add(out, ReasonCode.PSS_VOLUME_TYPES, volumeTypes, "volume %s is not allowed by the restricted profile");

        if (!windows) {
            add(out, ReasonCode.PSS_PRIVILEGE_ESCALATION,
                    labels(containers, c -> !Boolean.FALSE.equals(sc(c).getAllowPrivilegeEscalation())),
                    "allowPrivilegeEscalation is not false for %s");
        }

        boolean podNonRoot = Boolean.TRUE.equals(psc.getRunAsNonRoot());
        List<String> nonRoot = labels(containers, c -> {
            Boolean own = sc(c).getRunAsNonRoot();
            return Boolean.FALSE.equals(own) || (own == null && !podNonRoot);
        });
        add(out, ReasonCode.PSS_RUN_AS_NON_ROOT, nonRoot, "runAsNonRoot is not true for %s");

        List<String> rootUser = new ArrayList<>();
        if (Long.valueOf(0).equals(psc.getRunAsUser())) {
            rootUser.add("pod");
        }
        containers.stream().filter(c -> Long.valueOf(0).equals(sc(c).getRunAsUser())).map(ContainerView::label)
                .forEach(rootUser::add);
        add(out, ReasonCode.PSS_RUN_AS_ROOT_USER, rootUser, "runAsUser is 0 for %s");

        if (!windows) {
            boolean podSeccomp = confinedSeccomp(psc.getSeccompProfile());
            List<String> missing = labels(containers, c -> {
                SeccompProfile own = sc(c).getSeccompProfile();
                if (isType(own, "Unconfined")) {
                    return false; // reported by the baseline control
                }
                return own == null || own.getType() == null ? !podSeccomp : !confinedSeccomp(own);
            });
            if (!missing.isEmpty() && isType(psc.getSeccompProfile(), "Unconfined")) {
                missing = List.of(); // the pod-level Unconfined is the baseline finding already
            }
            add(out, ReasonCode.PSS_SECCOMP_MISSING, missing,
                    "no RuntimeDefault or Localhost seccomp profile for %s");

            add(out, ReasonCode.PSS_CAPABILITIES_DROP_ALL,
                    labels(containers, c -> !dropsAll(sc(c).getCapabilities())),
                    "capabilities.drop does not contain ALL for %s");
            add(out, ReasonCode.PSS_CAPABILITIES_RESTRICTED, restrictedCaps, "%s (only NET_BIND_SERVICE is allowed)");
        }
        return out;
    }

    /** The most restrictive profile the violations still allow. */
    public static PssLevel levelOf(List<Violation> violations) {
        if (violations.stream().anyMatch(v -> v.code().pssLevel() == PssLevel.BASELINE)) {
            return PssLevel.PRIVILEGED;
        }
        if (violations.stream().anyMatch(v -> v.code().pssLevel() == PssLevel.RESTRICTED)) {
            return PssLevel.BASELINE;
        }
        return PssLevel.RESTRICTED;
    }

    private static void add(List<Violation> out, ReasonCode code, List<String> items, String format) {
        if (!items.isEmpty()) {
            out.add(new Violation(code, String.format(format, String.join("; ", items))));
        }
    }

    private static List<String> labels(List<ContainerView> containers, Predicate<ContainerView> bad) {
        return containers.stream().filter(bad).map(ContainerView::label).toList();
    }

    private static SecurityContext sc(ContainerView c) {
        return c.securityContext() == null ? new SecurityContext() : c.securityContext();
    }

    private static boolean hostProcess(WindowsSecurityContextOptions options) {
        return options != null && Boolean.TRUE.equals(options.getHostProcess());
    }

    private static List<String> added(Capabilities caps) {
        return caps == null || caps.getAdd() == null ? List.of()
                : caps.getAdd().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static boolean dropsAll(Capabilities caps) {
        return caps != null && caps.getDrop() != null && caps.getDrop().contains("ALL");
    }

    private static List<Volume> volumes(PodSpec spec) {
        return spec.getVolumes() == null ? List.of()
                : spec.getVolumes().stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The volume source field that is set, e.g. "nfs"; read generically so every in-tree type is named.
     * A volume with no source is emptyDir: the API server defaults it so (SetDefaults_Volume).
     */
    @SuppressWarnings("unchecked")
    static String volumeType(Volume v) {
        Map<String, Object> fields = JSON.convertValue(v, Map.class);
        return fields.entrySet().stream()
                .filter(e -> !"name".equals(e.getKey()) && e.getValue() != null)
                .map(Map.Entry::getKey).sorted().findFirst().orElse("emptyDir");
    }

    private static Optional<String> probeHost(Probe probe) {
        if (probe == null) {
            return Optional.empty();
        }
        return host(probe.getHttpGet(), probe.getTcpSocket());
    }

    private static Optional<String> handlerHost(LifecycleHandler handler) {
        if (handler == null) {
            return Optional.empty();
        }
        return host(handler.getHttpGet(), handler.getTcpSocket());
    }

    private static Optional<String> host(HTTPGetAction http, TCPSocketAction tcp) {
        if (http != null && http.getHost() != null && !http.getHost().isEmpty()) {
            return Optional.of(http.getHost());
        }
        if (tcp != null && tcp.getHost() != null && !tcp.getHost().isEmpty()) {
            return Optional.of(tcp.getHost());
        }
        return Optional.empty();
    }

    private static boolean badAppArmor(AppArmorProfile profile) {
        if (profile == null || profile.getType() == null || profile.getType().isEmpty()) {
            return false;
        }
        return !"RuntimeDefault".equals(profile.getType()) && !"Localhost".equals(profile.getType());
    }

    private static boolean badAppArmorAnnotation(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return !"runtime/default".equals(value) && !value.startsWith("localhost/");
    }

    private static Optional<String> selinuxProblem(SELinuxOptions options) {
        if (options == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (options.getType() != null && !options.getType().isEmpty() && !SELINUX_TYPES.contains(options.getType())) {
            problems.add("seLinuxOptions.type " + options.getType());
        }
        if (options.getUser() != null && !options.getUser().isEmpty()) {
            problems.add("seLinuxOptions.user " + options.getUser());
        }
        if (options.getRole() != null && !options.getRole().isEmpty()) {
            problems.add("seLinuxOptions.role " + options.getRole());
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(problems.stream().collect(Collectors.joining(", ")));
    }

    private static boolean isType(SeccompProfile profile, String type) {
        return profile != null && type.equals(profile.getType());
    }

    private static boolean confinedSeccomp(SeccompProfile profile) {
        return isType(profile, "RuntimeDefault") || isType(profile, "Localhost");
    }

}
