package dev.k8sai.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * jq as an in-process stage, using jackson-jq (jq 1.6 dialect). Flags: -r (raw strings), -c (compact),
 * -s (slurp all inputs into one array). Output formatting follows jq: two-space indentation, one value
 * per line.
 */
public final class JqStage implements TextStage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Built-in functions are loaded once; each run gets a child scope so nothing leaks between runs. */
    private static final Scope ROOT = rootScope();

    static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));

    private final JsonQuery query;
    private final boolean raw;
    private final boolean compact;
    private final boolean slurp;

    public JqStage(String filter, boolean raw, boolean compact, boolean slurp) {
        try {
            this.query = JsonQuery.compile(filter, Versions.JQ_1_6);
        } catch (JsonQueryException e) {
            throw new CommandRejectedException("jq: cannot compile filter " + filter + ": " + oneLine(e.getMessage()));
        }
        this.raw = raw;
        this.compact = compact;
        this.slurp = slurp;
    }

    static JqStage fromArgs(List<String> args) {
        boolean raw = false, compact = false, slurp = false;
        String filter = null;
        for (String a : args) {
            if (filter == null && a.startsWith("-") && a.length() > 1) {
                switch (a) {
                    case "--raw-output" -> raw = true;
                    case "--compact-output" -> compact = true;
                    case "--slurp" -> slurp = true;
                    default -> {
                        if (!a.matches("-[rcs]+")) {
                            throw Stages.unsupported("jq", "option " + a, "jq [-r] [-c] [-s] FILTER");
                        }
                        raw |= a.contains("r");
                        compact |= a.contains("c");
                        slurp |= a.contains("s");
                    }
                }
            } else if (filter == null) {
                filter = a;
            } else {
                throw new CommandRejectedException("jq: extra argument '" + a + "': files and --arg are not supported; jq reads the previous stage's output. Put the whole filter in single quotes.");
            }
        }
        return new JqStage(filter == null ? "." : filter, raw, compact, slurp);
    }

    @Override
    public String apply(String input) {
        List<JsonNode> parsed = parseInputs(input);
        List<JsonNode> inputs = slurp ? List.of(slurped(parsed)) : parsed;
        // the filter is the model's program: it runs bounded (stack, steps, time, output size)
        return JqLimits.run(budget -> {
            StringBuilder out = new StringBuilder();
            for (JsonNode in : inputs) {
                query.apply(Scope.newChildScope(ROOT), in, r -> {
                    String text = format(r);
                    budget.output(text.length() + 1);
                    out.append(text).append('\n');
                });
            }
            return out.toString();
        });
    }

    private static JsonNode slurped(List<JsonNode> inputs) {
        ArrayNode all = MAPPER.createArrayNode();
        inputs.forEach(all::add);
        return all;
    }

    private String format(JsonNode node) {
        if (raw && node.isTextual()) {
            return node.asText();
        }
        try {
            return compact ? MAPPER.writeValueAsString(node) : PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new StageException("jq: cannot print result: " + oneLine(e.getMessage()));
        }
    }

    static List<JsonNode> parseInputs(String input) {
        List<JsonNode> values = new ArrayList<>();
        if (input.isBlank()) {
            return values;
        }
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(input)) {
            while (it.hasNextValue()) {
                values.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            String start = input.stripLeading();
            String hint = start.startsWith("apiVersion:") || start.startsWith("NAME") || !(start.startsWith("{") || start.startsWith("["))
                    ? " The input is not JSON: add -o json to the kubectl command."
                    : " The JSON input may have been cut off by the output size limit: select less (-l, --field-selector, a single object).";
            throw new StageException("jq: cannot parse input as JSON." + hint);
        }
        return values;
    }

    private static Scope rootScope() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        JqLimits.install(scope);
        return scope;
    }

    public static String oneLine(String s) {
        if (s == null) {
            return "(no detail)";
        }
        String line = s.strip().replaceAll("\\s*\\n\\s*", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
