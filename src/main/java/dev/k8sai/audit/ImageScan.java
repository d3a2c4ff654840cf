package dev.k8sai.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The outcome of scanning one image. */
public sealed interface ImageScan {

    String image();

    /** trivy ran and its report parsed. {@code counts} holds CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN in that order. */
    @JsonPropertyOrder({"image", "total", "counts", "top"})
    record Scanned(String image, int total, Map<String, Integer> counts, List<Vulnerability> top) implements ImageScan {
        public Scanned {
            counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
            top = List.copyOf(top);
        }

        public int count(String severity) {
            return counts.getOrDefault(severity, 0);
        }
    }

    /** trivy could not scan the image (pull failure, timeout, unusable output); {@code reason} is one line. */
    record Failed(String image, String reason) implements ImageScan {
    }

    /** One vulnerable package; {@code fixedVersion} is null when no fix exists. */
    @JsonPropertyOrder({"id", "severity", "pkgName", "installedVersion", "fixedVersion"})
    record Vulnerability(String id, String severity, String pkgName, String installedVersion, String fixedVersion) {
        /** "CVE-2023-1234 (CRITICAL) openssl 3.0.2 → 3.0.7". */
        public String describe() {
            return id + " (" + severity + ") " + pkgName + " " + installedVersion
                    + (fixedVersion == null || fixedVersion.isEmpty() ? " (no fix)" : " → " + fixedVersion);
        }
    }
}
