package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/audit.md lists every reason code with its severity and Pod Security level, and nothing else. */
class AuditDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| ([a-z/]+) \\| (baseline|restricted|–) \\|", Pattern.MULTILINE);

    @Test
    void reasonCodeTableMatchesTheEnum() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("k8sai.repoRoot", "."), "docs/audit.md"));
        Map<String, String> documented = new java.util.TreeMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        Map<String, String> actual = Arrays.stream(ReasonCode.values()).collect(Collectors.toMap(ReasonCode::code,
                c -> (c == ReasonCode.IMAGE_VULNERABILITIES ? "critical/warning/info" : c.severity().wireName())
                        + " " + (c.pssLevel() == null ? "–" : c.pssLevel().wireName()),
                (a, b) -> a, java.util.TreeMap::new));
        assertThat(documented).isEqualTo(actual);
    }
}
