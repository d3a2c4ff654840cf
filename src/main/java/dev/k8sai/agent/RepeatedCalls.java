package dev.k8sai.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.HashMap;
import java.util.Map;

/**
 * Small models repeat the same tool call (kubectl-ai users report 100+ identical patches; a model here
 * called a missing tool ten times): an identical call — same tool, same arguments, or any call of a tool
 * that does not exist — runs at most twice per question. The third is answered with a note instead of a
 * run; if the model still insists after that note, the run ends.
 */
final class RepeatedCalls {

    static final int MAX_IDENTICAL = 2;
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What to do with a call. */
    enum Verdict { RUN, REFUSE_WITH_NOTE, END_RUN }

    private final Map<String, Integer> seen = new HashMap<>();
    private boolean noted;

    Verdict check(String tool, JsonNode arguments, boolean toolExists) {
        String key = toolExists ? tool + " " + canonical(arguments) : tool;
        int count = seen.merge(key, 1, Integer::sum);
        if (count <= MAX_IDENTICAL) {
            return Verdict.RUN;
        }
        if (noted) {
            return Verdict.END_RUN;
        }
        noted = true;
        return Verdict.REFUSE_WITH_NOTE;
    }

    static String note(String tool) {
        return "Not run: you already called '" + tool + "' this way " + MAX_IDENTICAL + " times and the result will not "
                + "change. Do not repeat it: use a different call, or answer now with what you have.";
    }

    private static String canonical(JsonNode arguments) {
        try {
            // Key order must not make two identical calls look different.
            Object tree = CANONICAL.treeToValue(arguments, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (Exception e) {
            return String.valueOf(arguments);
        }
    }
}
