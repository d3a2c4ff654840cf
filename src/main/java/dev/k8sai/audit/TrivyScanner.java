package dev.k8sai.audit;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.audit.ImageScan.Vulnerability;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the trivy CLI on one image at a time and summarises its JSON report. trivy is an external
 * program (no Java library scans images), started with an argument list (no shell), output to temp
 * files (no pipe deadlock) and a timeout.
 */
public final class TrivyScanner {

    public static final String NOT_FOUND_NOTE = "trivy not found on PATH; image scan skipped";
    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN");
    private static final int MAX_STDERR = 300;
    private static final ObjectMapper JSON = Mappers.JSON;
    private static final Pattern CVE_ID = Pattern.compile("CVE-(\\d{4})-(\\d{1,8})");

    private final TrivyOptions options;

    public TrivyScanner(TrivyOptions options) {
        this.options = options;
    }

    /** The trivy executable to run, if any. */
    public Optional<Path> locate() {
        if (options.binary() != null) {
            return Files.isExecutable(options.binary()) ? Optional.of(options.binary()) : Optional.empty();
        }
        String path = options.searchPath();
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "trivy");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public boolean available() {
        return locate().isPresent();
    }

    /** The command line for one image (exposed for tests and --verbose). */
    public List<String> command(Path trivy, String image) {
        List<String> cmd = new ArrayList<>(List.of(trivy.toString(), "image", "--format", "json", "--quiet"));
        if (options.offline()) {
            cmd.add("--skip-db-update");
            cmd.add("--offline-scan");
        }
        cmd.addAll(options.extraArgs());
        cmd.add(image);
        return cmd;
    }

    public ImageScan scan(String image) {
        Optional<Path> trivy = locate();
        if (trivy.isEmpty()) {
            return new ImageScan.Failed(image, NOT_FOUND_NOTE);
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("k8sai-trivy", ".json");
            err = Files.createTempFile("k8sai-trivy", ".err");
            Process process = new ProcessBuilder(command(trivy.get(), image))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                long ms = options.timeout().toMillis();
                return new ImageScan.Failed(image, "trivy timed out after " + (ms < 1000 ? ms + "ms" : ms / 1000 + "s"));
            }
            if (process.exitValue() != 0) {
                return new ImageScan.Failed(image, "trivy exited with " + process.exitValue() + ": " + lastLine(err));
            }
            return parse(image, Files.readString(out, StandardCharsets.UTF_8), options.topCves());
        } catch (IOException e) {
            return new ImageScan.Failed(image, "could not run trivy: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ImageScan.Failed(image, "interrupted while trivy was running");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Summarises a trivy JSON report (schema version 2): counts by severity and the {@code top} most
     * severe vulnerabilities. The same CVE in the same package version is counted once even when
     * several layers or targets report it.
     */
    public static ImageScan parse(String image, String json, int top) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new ImageScan.Failed(image, "trivy output is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new ImageScan.Failed(image, "trivy output is not a JSON report");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Vulnerability> all = new ArrayList<>();
        for (JsonNode result : root.path("Results")) {
            for (JsonNode v : result.path("Vulnerabilities")) {
                Vulnerability vuln = new Vulnerability(text(v, "VulnerabilityID"),
                        normalise(text(v, "Severity")), text(v, "PkgName"), text(v, "InstalledVersion"),
                        text(v, "FixedVersion"));
                if (seen.add(vuln.id() + "|" + vuln.pkgName() + "|" + vuln.installedVersion())) {
                    all.add(vuln);
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        SEVERITIES.forEach(s -> counts.put(s, 0));
        all.forEach(v -> counts.merge(v.severity(), 1, Integer::sum));
        List<Vulnerability> worst = all.stream()
                .sorted(Comparator.comparingInt((Vulnerability v) -> SEVERITIES.indexOf(v.severity()))
                        .thenComparing(v -> v.fixedVersion() == null) // fixable first: actionable
                        .thenComparing(TrivyScanner::cveOrder, Comparator.reverseOrder()) // newer CVEs first
                        .thenComparing(Vulnerability::id)
                        .thenComparing(Vulnerability::pkgName))
                .limit(top).toList();
        return new ImageScan.Scanned(image, all.size(), counts, worst);
    }

    /** CVE-YYYY-N as a number for "newest first"; other ids (GHSA, distro TEMP ids) sort after CVEs. */
    private static long cveOrder(Vulnerability v) {
        Matcher m = CVE_ID.matcher(v.id() == null ? "" : v.id());
        return m.matches() ? Long.parseLong(m.group(1)) * 100_000_000L + Long.parseLong(m.group(2)) : -1;
    }

    private static String normalise(String severity) {
        return severity != null && SEVERITIES.contains(severity) ? severity : "UNKNOWN";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static String lastLine(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        String line = text.isEmpty() ? "(no error output)" : text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(text);
        return line.length() > MAX_STDERR ? line.substring(0, MAX_STDERR) + "…" : line;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
