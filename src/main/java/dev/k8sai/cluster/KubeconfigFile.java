package dev.k8sai.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One kubeconfig file, read and parsed once: its context names, and the fabric8 client configuration
 * of one context, built as {@code Config.fromKubeconfig(context, file)} builds it.
 *
 * <p>Parsed by a plain Jackson YAML mapper into fabric8's kubeconfig model instead of by fabric8's
 * {@code KubeConfigUtils.parseConfig}, whose KubernetesSerialization first builds its registry of every
 * model class: 150-350 ms of every live run, for a file of twenty lines. A document this mapper cannot
 * bind (a YAML alias, a value of another type than the model's) goes to fabric8's parser, which then
 * decides as it always did.
 */
final class KubeconfigFile {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(LazyModelDeserializers.module())
            .build();

    /*
     * fabric8's keys (private in KubeConfigUtils) under which parseConfig notes the file each context, cluster
     * and user came from: relative certificate paths resolve against it, and Config.getFile() names it for
     * token refreshes. KubeClientsTest fails if fabric8 stops reading them.
     */
    private static final String CONTEXT_FILE = "KUBERNETES_CONFIG_CONTEXT_FILE_KEY";
    private static final String CLUSTER_FILE = "KUBERNETES_CONFIG_CLUSTER_FILE_KEY";
    private static final String USER_FILE = "KUBERNETES_CONFIG_AUTH_INFO_FILE_KEY";

    private final Path path;
    private final io.fabric8.kubernetes.api.model.Config model;

    private KubeconfigFile(Path path, io.fabric8.kubernetes.api.model.Config model) {
        this.path = path;
        this.model = model;
    }

    /** Reads and parses {@code path}; a missing, unreadable or unparseable file is one line naming it (exit 2). */
    static KubeconfigFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            throw new AgentException(ErrorCategory.CLUSTER, "cannot read kubeconfig " + path + ": "
                    + (Files.exists(path) ? "not readable" : "no such file")
                    + " (use --kubeconfig FILE or set KUBECONFIG)", e.toString(), e);
        }
        io.fabric8.kubernetes.api.model.Config model = null;
        try {
            model = YAML.readValue(bytes, io.fabric8.kubernetes.api.model.Config.class);
        } catch (IOException | RuntimeException e) {
            // left to fabric8's parser below
        }
        if (model == null) {
            try {
                return new KubeconfigFile(path, KubeConfigUtils.parseConfig(path.toFile()));
            } catch (RuntimeException e) {
                throw new AgentException(ErrorCategory.CLUSTER, "cannot parse kubeconfig " + path + ": "
                        + KubeClients.firstLine(e.getMessage()), e.toString(), e);
            }
        }
        File file = path.toFile();
        tag(model.getContexts(), file);
        tag(model.getClusters(), file);
        tag(model.getUsers(), file);
        return new KubeconfigFile(path, model);
    }

    private static void tag(List<?> entries, File file) {
        for (Object entry : entries == null ? List.of() : entries) {
            switch (entry) {
                case NamedContext c -> c.getAdditionalProperties().put(CONTEXT_FILE, file);
                case NamedCluster c -> c.getAdditionalProperties().put(CLUSTER_FILE, file);
                case NamedAuthInfo u -> u.getAdditionalProperties().put(USER_FILE, file);
                case null, default -> { }
            }
        }
    }

    /** The parsed kubeconfig (tests compare it with fabric8's parse). */
    io.fabric8.kubernetes.api.model.Config model() {
        return model;
    }

    /** The names of the contexts fabric8 would use (those with a body), in file order. */
    List<String> contextNames() {
        return model.getContexts() == null ? List.of() : model.getContexts().stream()
                .filter(c -> c != null && c.getContext() != null && c.getName() != null)
                .map(NamedContext::getName).distinct().toList();
    }

    /**
     * Whether building the configuration of {@code context} (null: the current one) would run something on
     * the user's behalf: an exec credential plugin (which may prompt) or an auth provider (which may refresh
     * and write tokens). {@link EarlyConnection} does not do that speculatively.
     */
    boolean runsCredentialPlugin(String context) {
        String name = context != null ? context : model.getCurrentContext();
        String user = model.getContexts() == null ? null : model.getContexts().stream()
                .filter(c -> c != null && c.getContext() != null && java.util.Objects.equals(c.getName(), name))
                .map(c -> c.getContext().getUser()).findFirst().orElse(null);
        return model.getUsers() != null && model.getUsers().stream()
                .anyMatch(u -> u != null && u.getUser() != null && java.util.Objects.equals(u.getName(), user)
                        && (u.getUser().getExec() != null || u.getUser().getAuthProvider() != null));
    }

    /**
     * The client configuration of {@code context} (null: the current context). Building it runs an exec
     * credential plugin the context names, and reads no other file than those the context names; a failure
     * is a configuration error naming the file.
     */
    Config clientConfig(String context) {
        return KubeClients.unusableAsUsage(path, () -> {
            Config config = Config.empty();
            KubeConfigUtils.merge(config, context, model);
            return config;
        });
    }
}
