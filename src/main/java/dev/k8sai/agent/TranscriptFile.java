package dev.k8sai.agent;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** --transcript FILE: the run as JSON (question, every model turn and tool run, decisions, usage). */
public final class TranscriptFile {

    private static final ObjectMapper JSON = Mappers.JSON_PRETTY;

    private TranscriptFile() {
    }

    public static void write(Path file, String model, List<AgentResult> results, List<?> changeDecisions) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        doc.put("runs", results);
        doc.put("changeDecisions", changeDecisions);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot write transcript " + file + ": " + e.getMessage());
        }
    }
}
