package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.audit.ImageScan;
import dev.k8sai.audit.TrivyOptions;
import dev.k8sai.audit.TrivyScanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Scans a container image with trivy (when installed) and summarises vulnerabilities by severity. */
public final class TrivyTool implements Tool {

    public static final String NAME = "trivy";
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

    /** Uses trivy from {@code searchPath} (a PATH-style list, the run's environment) if it is there. */
    public static TrivyTool fromPath(String searchPath) {
        TrivyScanner scanner = new TrivyScanner(TrivyOptions.defaults().withSearchPath(searchPath == null ? "" : searchPath));
        return new TrivyTool(scanner.locate(), Duration.ofMinutes(5));
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
        // Found, run and parsed the way audit --scan-images does it: one TrivyScanner.
        ImageScan scan = new TrivyScanner(new TrivyOptions(binary.get(), null, false, List.of(), timeout, MAX_LISTED)).scan(image);
        return switch (scan) {
            case ImageScan.Failed failed -> ToolResult.failed("trivy could not scan " + image + ": " + failed.reason());
            case ImageScan.Scanned scanned -> ToolResult.ok(summarize(scanned));
        };
    }

    /** Counts by severity, then the most severe vulnerabilities (fixable and newer first), one a line. */
    static String summarize(ImageScan.Scanned scan) {
        StringBuilder sb = new StringBuilder("trivy scan of ").append(scan.image()).append(": ");
        List<String> parts = new ArrayList<>();
        scan.counts().forEach((k, v) -> parts.add(k + "=" + v));
        sb.append(String.join(", ", parts)).append(" (").append(scan.total()).append(" vulnerabilities)\n");
        for (ImageScan.Vulnerability v : scan.top()) {
            sb.append("- ").append(v.severity()).append(' ').append(v.id()).append(' ').append(v.pkgName()).append(' ')
                    .append(v.installedVersion()).append(" → fixed in ")
                    .append(v.fixedVersion() == null ? "(no fix)" : v.fixedVersion()).append('\n');
        }
        if (scan.total() > scan.top().size()) {
            sb.append("… ").append(scan.total() - scan.top().size()).append(" more not listed\n");
        }
        return sb.toString();
    }
}
