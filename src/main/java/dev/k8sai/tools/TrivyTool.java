package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Scans a container image with trivy (when installed) and summarises vulnerabilities by severity. */
public final class TrivyTool implements Tool {

    public static final String NAME = "trivy";
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN");
    /** Image references only; a leading '-' would be read by trivy as a flag. */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/:@+]*");
    private static final int MAX_LISTED = 15;

    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Scan a container image for known vulnerabilities with trivy and get counts by severity plus the most severe findings. "
                    + "Only available when trivy is installed.",
            """
            {"type":"object","properties":{"image":{"type":"string","description":"image reference, e.g. nginx:1.25"}},"required":["image"]}""");

    private final Optional<Path> binary;
    private final Duration timeout;

    public TrivyTool(Optional<Path> binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Uses trivy from PATH if there is one. */
    public static TrivyTool fromPath() {
        return new TrivyTool(findOnPath("trivy"), Duration.ofMinutes(5));
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolResult run(JsonNode arguments, Context context) {
        String image = Tool.string(arguments, "image");
        if (image == null || !IMAGE.matcher(image).matches()) {
            return ToolResult.refused("Argument 'image' must be an image reference such as nginx:1.25 or registry.example.com/app@sha256:….");
        }
        if (binary.isEmpty()) {
            return ToolResult.refused("trivy is not installed on this machine, so images cannot be scanned. Judge the image by its tag and "
                    + "pull policy instead, or tell the user to install trivy.");
        }
        ProcessRunner.Result r;
        try {
            r = ProcessRunner.run(List.of(binary.get().toString(), "image", "--format", "json", "--quiet", image),
                    timeout, 64 * 1024 * 1024, 16 * 1024, null);
        } catch (IOException e) {
            return ToolResult.failed("trivy could not be started: " + e.getMessage());
        }
        if (r.timedOut()) {
            return ToolResult.failed("trivy did not finish within " + timeout.toSeconds() + "s.");
        }
        if (r.exitCode() != 0) {
            return ToolResult.failed("trivy failed (exit " + r.exitCode() + "): " + JqStage.oneLine(r.stderr()));
        }
        try {
            return ToolResult.ok(summarize(image, new ObjectMapper().readTree(r.stdout())));
        } catch (IOException e) {
            return ToolResult.failed("trivy output could not be read as JSON" + (r.stdoutTruncated() ? " (it was too large)" : "") + ".");
        }
    }

    static String summarize(String image, JsonNode report) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        SEVERITIES.forEach(s -> counts.put(s, 0));
        List<JsonNode> vulns = new ArrayList<>();
        for (JsonNode result : report.path("Results")) {
            for (JsonNode v : result.path("Vulnerabilities")) {
                String sev = v.path("Severity").asText("UNKNOWN");
                counts.merge(counts.containsKey(sev) ? sev : "UNKNOWN", 1, Integer::sum);
                vulns.add(v);
            }
        }
        vulns.sort(java.util.Comparator.comparingInt(v -> {
            int i = SEVERITIES.indexOf(v.path("Severity").asText("UNKNOWN"));
            return i < 0 ? SEVERITIES.size() : i;
        }));
        StringBuilder sb = new StringBuilder("trivy scan of ").append(image).append(": ");
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + "=" + v));
        sb.append(String.join(", ", parts)).append(" (").append(vulns.size()).append(" vulnerabilities)\n");
        for (JsonNode v : vulns.subList(0, Math.min(MAX_LISTED, vulns.size()))) {
            sb.append("- ").append(v.path("Severity").asText()).append(' ').append(v.path("VulnerabilityID").asText())
                    .append(' ').append(v.path("PkgName").asText()).append(' ').append(v.path("InstalledVersion").asText())
                    .append(" → fixed in ").append(v.path("FixedVersion").asText("(no fix)").isEmpty() ? "(no fix)" : v.path("FixedVersion").asText("(no fix)"));
            String title = v.path("Title").asText("");
            if (!title.isEmpty()) {
                sb.append(": ").append(title.length() > 100 ? title.substring(0, 100) + "…" : title);
            }
            sb.append('\n');
        }
        if (vulns.size() > MAX_LISTED) {
            sb.append("… ").append(vulns.size() - MAX_LISTED).append(" more not listed\n");
        }
        return sb.toString();
    }
}
