package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts of a container and a pod's volumes that every pod of a real cluster has — environment
 * sources, probes, resources, security contexts, the projected service-account token volume — bound directly (see
 * {@link DirectBinding}). Ports of probes ({@code IntOrString}) are Jackson's.
 */
abstract class PodPartsBinding extends DirectBinding {

    final Binder<EnvFromSource> envFrom = (p, c) -> object(p, c, EnvFromSource.class, new EnvFromSource(), this::envFrom);
    final Binder<EnvVarSource> envSource = (p, c) -> object(p, c, EnvVarSource.class, new EnvVarSource(), this::envSource);
    final Binder<ResourceRequirements> resources =
            (p, c) -> object(p, c, ResourceRequirements.class, new ResourceRequirements(), PodPartsBinding::resources);
    final Binder<Probe> probe = (p, c) -> object(p, c, Probe.class, new Probe(), this::probe);
    private final Binder<ConfigMapEnvSource> configMapEnv = (p, c) -> object(p, c, ConfigMapEnvSource.class,
            new ConfigMapEnvSource(), (o, f, q, d) -> nameAndOptional(f, q, o::setName, o::setOptional));
    private final Binder<SecretEnvSource> secretEnv = (p, c) -> object(p, c, SecretEnvSource.class,
            new SecretEnvSource(), (o, f, q, d) -> nameAndOptional(f, q, o::setName, o::setOptional));
    private final Binder<ObjectFieldSelector> fieldRef =
            (p, c) -> object(p, c, ObjectFieldSelector.class, new ObjectFieldSelector(), PodPartsBinding::fieldRef);
    private final Binder<ConfigMapKeySelector> configMapKey =
            (p, c) -> object(p, c, ConfigMapKeySelector.class, new ConfigMapKeySelector(), PodPartsBinding::configMapKey);
    private final Binder<SecretKeySelector> secretKey =
            (p, c) -> object(p, c, SecretKeySelector.class, new SecretKeySelector(), PodPartsBinding::secretKey);
    private final Binder<HTTPGetAction> httpGet = (p, c) -> object(p, c, HTTPGetAction.class, new HTTPGetAction(), PodPartsBinding::httpGet);
    private final Binder<TCPSocketAction> tcpSocket = (p, c) -> object(p, c, TCPSocketAction.class, new TCPSocketAction(),
            (o, f, q, d) -> o.setHost(only("host", f, q)));
    private final Binder<ExecAction> exec = (p, c) -> object(p, c, ExecAction.class, new ExecAction(), (o, f, q, d) -> {
        if (!"command".equals(f)) {
            throw JACKSON;
        }
        o.setCommand(texts(q, d));
    });
    final Binder<ProjectedVolumeSource> projected =
            (p, c) -> object(p, c, ProjectedVolumeSource.class, new ProjectedVolumeSource(), this::projected);
    private final Binder<VolumeProjection> projection =
            (p, c) -> object(p, c, VolumeProjection.class, new VolumeProjection(), this::projection);
    private final Binder<ServiceAccountTokenProjection> token =
            (p, c) -> object(p, c, ServiceAccountTokenProjection.class, new ServiceAccountTokenProjection(), PodPartsBinding::token);
    private final Binder<ConfigMapProjection> configMapProjection =
            (p, c) -> object(p, c, ConfigMapProjection.class, new ConfigMapProjection(), this::configMapProjection);
    private final Binder<KeyToPath> keyToPath = (p, c) -> object(p, c, KeyToPath.class, new KeyToPath(), PodPartsBinding::keyToPath);
    private final Binder<DownwardAPIProjection> downwardApi = (p, c) -> object(p, c, DownwardAPIProjection.class,
            new DownwardAPIProjection(), (o, f, q, d) -> {
                if (!"items".equals(f)) {
                    throw JACKSON;
                }
                o.setItems(list(q, d, DownwardAPIVolumeFile.class, this.downwardApiFile));
            });
    private final Binder<DownwardAPIVolumeFile> downwardApiFile =
            (p, c) -> object(p, c, DownwardAPIVolumeFile.class, new DownwardAPIVolumeFile(), this::downwardApiFile);
    final Binder<ConfigMapVolumeSource> configMapVolume =
            (p, c) -> object(p, c, ConfigMapVolumeSource.class, new ConfigMapVolumeSource(), this::configMapVolume);
    final Binder<SecretVolumeSource> secretVolume =
            (p, c) -> object(p, c, SecretVolumeSource.class, new SecretVolumeSource(), this::secretVolume);
    final Binder<EmptyDirVolumeSource> emptyDir = (p, c) -> object(p, c, EmptyDirVolumeSource.class, new EmptyDirVolumeSource(),
            (o, f, q, d) -> o.setMedium(only("medium", f, q)));
    final Binder<PersistentVolumeClaimVolumeSource> claim = (p, c) -> object(p, c, PersistentVolumeClaimVolumeSource.class,
            new PersistentVolumeClaimVolumeSource(), PodPartsBinding::claim);

    final Binder<SecurityContext> securityContext =
            (p, c) -> object(p, c, SecurityContext.class, new SecurityContext(), this::securityContext);
    final Binder<PodSecurityContext> podSecurityContext =
            (p, c) -> object(p, c, PodSecurityContext.class, new PodSecurityContext(), this::podSecurityContext);
    private final Binder<Capabilities> capabilities = (p, c) -> object(p, c, Capabilities.class, new Capabilities(), (o, f, q, d) -> {
        switch (f) {
            case "add" -> o.setAdd(texts(q, d));
            case "drop" -> o.setDrop(texts(q, d));
            default -> throw JACKSON;
        }
    });
    private final Binder<SeccompProfile> seccomp = (p, c) -> object(p, c, SeccompProfile.class, new SeccompProfile(), (o, f, q, d) -> {
        switch (f) {
            case "type" -> o.setType(text(q));
            case "localhostProfile" -> o.setLocalhostProfile(text(q));
            default -> throw JACKSON;
        }
    });

    @Override
    void register(Map<Class<?>, Binder<?>> into) {
        into.putAll(Map.ofEntries(Map.entry(EnvFromSource.class, envFrom), Map.entry(EnvVarSource.class, envSource),
                Map.entry(ResourceRequirements.class, resources), Map.entry(Probe.class, probe),
                Map.entry(ConfigMapEnvSource.class, configMapEnv), Map.entry(SecretEnvSource.class, secretEnv),
                Map.entry(ObjectFieldSelector.class, fieldRef), Map.entry(ConfigMapKeySelector.class, configMapKey),
                Map.entry(SecretKeySelector.class, secretKey), Map.entry(HTTPGetAction.class, httpGet),
                Map.entry(TCPSocketAction.class, tcpSocket), Map.entry(ExecAction.class, exec),
                Map.entry(ProjectedVolumeSource.class, projected), Map.entry(VolumeProjection.class, projection),
                Map.entry(ServiceAccountTokenProjection.class, token), Map.entry(ConfigMapProjection.class, configMapProjection),
                Map.entry(KeyToPath.class, keyToPath), Map.entry(DownwardAPIProjection.class, downwardApi),
                Map.entry(DownwardAPIVolumeFile.class, downwardApiFile), Map.entry(ConfigMapVolumeSource.class, configMapVolume),
                Map.entry(SecretVolumeSource.class, secretVolume), Map.entry(EmptyDirVolumeSource.class, emptyDir),
                Map.entry(PersistentVolumeClaimVolumeSource.class, claim), Map.entry(SecurityContext.class, securityContext),
                Map.entry(PodSecurityContext.class, podSecurityContext), Map.entry(Capabilities.class, capabilities),
                Map.entry(SeccompProfile.class, seccomp)));
    }

    private static void nameAndOptional(String name, JsonParser p, Consumer<String> setName, Consumer<Boolean> setOptional)
            throws IOException {
        switch (name) {
            case "name" -> setName.accept(text(p));
            case "optional" -> setOptional.accept(bool(p));
            default -> throw JACKSON;
        }
    }

    private void envFrom(EnvFromSource o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "configMapRef" -> o.setConfigMapRef(nested(p, c, configMapEnv));
            case "secretRef" -> o.setSecretRef(nested(p, c, secretEnv));
            case "prefix" -> o.setPrefix(text(p));
            default -> throw JACKSON;
        }
    }

    private void envSource(EnvVarSource o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "fieldRef" -> o.setFieldRef(nested(p, c, fieldRef));
            case "configMapKeyRef" -> o.setConfigMapKeyRef(nested(p, c, configMapKey));
            case "secretKeyRef" -> o.setSecretKeyRef(nested(p, c, secretKey));
            default -> throw JACKSON;
        }
    }

    private static void fieldRef(ObjectFieldSelector o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "fieldPath" -> o.setFieldPath(text(p));
            case "apiVersion" -> o.setApiVersion(text(p));
            default -> throw JACKSON;
        }
    }

    private static void configMapKey(ConfigMapKeySelector o, String name, JsonParser p, DeserializationContext c)
            throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "key" -> o.setKey(text(p));
            case "optional" -> o.setOptional(bool(p));
            default -> throw JACKSON;
        }
    }

    private static void secretKey(SecretKeySelector o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "key" -> o.setKey(text(p));
            case "optional" -> o.setOptional(bool(p));
            default -> throw JACKSON;
        }
    }

    private static void resources(ResourceRequirements o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "limits" -> o.setLimits(quantities(p, c));
            case "requests" -> o.setRequests(quantities(p, c));
            default -> throw JACKSON;
        }
    }

    /**
     * A {@code Map<String, Quantity>}. For a string, fabric8's Quantity deserializer reads a tree and
     * calls {@code new Quantity(text)}; any other value goes to that deserializer, and a quantity it
     * cannot parse fails as Jackson's map binding reports it.
     */
    static Map<String, Quantity> quantities(JsonParser p, DeserializationContext c) throws IOException {
        expectObject(p);
        Map<String, Quantity> map = new LinkedHashMap<>();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            try {
                map.put(key, t == JsonToken.VALUE_STRING ? new Quantity(p.getText())
                        : t == JsonToken.VALUE_NULL ? null : c.readValue(p, Quantity.class));
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.wrapWithPath(e, map, key);
            }
        }
        return map;
    }

    private void probe(Probe o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "httpGet" -> o.setHttpGet(nested(p, c, httpGet));
            case "tcpSocket" -> o.setTcpSocket(nested(p, c, tcpSocket));
            case "exec" -> o.setExec(nested(p, c, exec));
            case "initialDelaySeconds" -> o.setInitialDelaySeconds(integer(p));
            case "periodSeconds" -> o.setPeriodSeconds(integer(p));
            case "timeoutSeconds" -> o.setTimeoutSeconds(integer(p));
            case "successThreshold" -> o.setSuccessThreshold(integer(p));
            case "failureThreshold" -> o.setFailureThreshold(integer(p));
            default -> throw JACKSON;
        }
    }

    private static void httpGet(HTTPGetAction o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "path" -> o.setPath(text(p));
            case "scheme" -> o.setScheme(text(p));
            case "host" -> o.setHost(text(p));
            default -> throw JACKSON;
        }
    }

    private void projected(ProjectedVolumeSource o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "sources" -> o.setSources(list(p, c, VolumeProjection.class, projection));
            case "defaultMode" -> o.setDefaultMode(integer(p));
            default -> throw JACKSON;
        }
    }

    private void projection(VolumeProjection o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "serviceAccountToken" -> o.setServiceAccountToken(nested(p, c, token));
            case "configMap" -> o.setConfigMap(nested(p, c, configMapProjection));
            case "downwardAPI" -> o.setDownwardAPI(nested(p, c, downwardApi));
            default -> throw JACKSON;
        }
    }

    private static void token(ServiceAccountTokenProjection o, String name, JsonParser p, DeserializationContext c)
            throws IOException {
        switch (name) {
            case "path" -> o.setPath(text(p));
            case "audience" -> o.setAudience(text(p));
            case "expirationSeconds" -> o.setExpirationSeconds(longValue(p));
            default -> throw JACKSON;
        }
    }

    private void configMapProjection(ConfigMapProjection o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "optional" -> o.setOptional(bool(p));
            case "items" -> o.setItems(list(p, c, KeyToPath.class, keyToPath));
            default -> throw JACKSON;
        }
    }

    private static void keyToPath(KeyToPath o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "key" -> o.setKey(text(p));
            case "path" -> o.setPath(text(p));
            case "mode" -> o.setMode(integer(p));
            default -> throw JACKSON;
        }
    }

    private void downwardApiFile(DownwardAPIVolumeFile o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "path" -> o.setPath(text(p));
            case "fieldRef" -> o.setFieldRef(nested(p, c, fieldRef));
            case "mode" -> o.setMode(integer(p));
            default -> throw JACKSON;
        }
    }

    private void configMapVolume(ConfigMapVolumeSource o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "optional" -> o.setOptional(bool(p));
            case "defaultMode" -> o.setDefaultMode(integer(p));
            case "items" -> o.setItems(list(p, c, KeyToPath.class, keyToPath));
            default -> throw JACKSON;
        }
    }

    private void secretVolume(SecretVolumeSource o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "secretName" -> o.setSecretName(text(p));
            case "optional" -> o.setOptional(bool(p));
            case "defaultMode" -> o.setDefaultMode(integer(p));
            case "items" -> o.setItems(list(p, c, KeyToPath.class, keyToPath));
            default -> throw JACKSON;
        }
    }

    private static void claim(PersistentVolumeClaimVolumeSource o, String name, JsonParser p, DeserializationContext c)
            throws IOException {
        switch (name) {
            case "claimName" -> o.setClaimName(text(p));
            case "readOnly" -> o.setReadOnly(bool(p));
            default -> throw JACKSON;
        }
    }

    /** What the Pod Security Standards look at; SELinux, AppArmor and Windows options are Jackson's. */
    private void securityContext(SecurityContext o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "allowPrivilegeEscalation" -> o.setAllowPrivilegeEscalation(bool(p));
            case "privileged" -> o.setPrivileged(bool(p));
            case "readOnlyRootFilesystem" -> o.setReadOnlyRootFilesystem(bool(p));
            case "runAsNonRoot" -> o.setRunAsNonRoot(bool(p));
            case "runAsUser" -> o.setRunAsUser(longValue(p));
            case "runAsGroup" -> o.setRunAsGroup(longValue(p));
            case "procMount" -> o.setProcMount(text(p));
            case "capabilities" -> o.setCapabilities(nested(p, c, capabilities));
            case "seccompProfile" -> o.setSeccompProfile(nested(p, c, seccomp));
            default -> throw JACKSON;
        }
    }

    private void podSecurityContext(PodSecurityContext o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "runAsNonRoot" -> o.setRunAsNonRoot(bool(p));
            case "runAsUser" -> o.setRunAsUser(longValue(p));
            case "runAsGroup" -> o.setRunAsGroup(longValue(p));
            case "fsGroup" -> o.setFsGroup(longValue(p));
            case "fsGroupChangePolicy" -> o.setFsGroupChangePolicy(text(p));
            case "seccompProfile" -> o.setSeccompProfile(nested(p, c, seccomp));
            default -> throw JACKSON;
        }
    }
}
