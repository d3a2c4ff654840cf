package dev.k8sai.explain;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.report.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Explanations on disk, one file per finding, keyed by the finding's content (not its explanation),
 * the model and the language: the same problem asked of the same model costs nothing the second time.
 * Unreadable entries are misses, and a failed write only loses the cache, never the answer.
 */
public final class ExplanationCache {

    private static final ObjectMapper JSON = Mappers.JSON;
    private final Path dir;

    public ExplanationCache(Path dir) {
        this.dir = dir;
    }

    /** $K8S_AI_AGENT_CACHE or $XDG_CACHE_HOME/k8s-ai-agent (~/.cache/k8s-ai-agent) + /explain. */
    public static ExplanationCache defaultLocation(Map<String, String> env) {
        String base = env.get("K8S_AI_AGENT_CACHE");
        if (base == null || base.isBlank()) {
            String xdg = env.get("XDG_CACHE_HOME");
            base = (xdg == null || xdg.isBlank() ? System.getProperty("user.home") + "/.cache" : xdg) + "/k8s-ai-agent";
        }
        return new ExplanationCache(Path.of(base, "explain"));
    }

    public static String key(String model, String language, Finding f) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("model", model);
        content.put("language", language);
        content.put("analyzer", f.analyzer());
        content.put("kind", f.kind());
        content.put("namespace", f.namespace());
        content.put("name", f.name());
        content.put("severity", f.severity().name());
        content.put("reason", f.reason());
        content.put("message", f.message());
        content.put("parent", f.parent());
        content.put("evidence", f.evidence());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(content));
            return HexFormat.of().formatHex(digest);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> get(String key) {
        Path file = dir.resolve(key + ".txt");
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void put(String key, String explanation) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, explanation, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(key + ".txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The explanation is already in the report; only the cache entry is lost.
        }
    }
}
