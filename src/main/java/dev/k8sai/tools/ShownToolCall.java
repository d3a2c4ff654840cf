package dev.k8sai.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.kubectl.ShownArgv;
import java.util.stream.Collectors;

/**
 * A tool call as a person reads it (a run's stream, the web page): for kubectl the exact command line
 * that runs — parsed as the pipeline parses it, each stage quoted by {@link ShownArgv} as at the
 * approval prompt — otherwise the tool and its arguments with control characters made visible. Secrets
 * are not removed here (the tools do not depend on the redactor): callers showing it redact it.
 */
public final class ShownToolCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShownToolCall() {
    }

    /** {@code arguments}: the model's argument JSON (or, for an unusable ReAct action, its raw text). */
    public static String of(String tool, String arguments) {
        JsonNode args;
        try {
            args = JSON.readTree(arguments == null ? "" : arguments);
        } catch (JsonProcessingException e) {
            args = null;
        }
        if (KubectlTool.NAME.equals(tool) && args != null) {
            String command = Tool.string(args, "command");
            if (command != null) {
                String line = KubectlTool.commandLine(command);
                try {
                    return CommandLineParser.parse(line).stages().stream().map(ShownArgv::of)
                            .collect(Collectors.joining(" | "));
                } catch (CommandRejectedException e) {
                    return ShownArgv.visible(line, false);   // not run: shown as written, escaped
                }
            }
        }
        String shownArgs = args == null ? (arguments == null ? "" : arguments) : args.toString();
        return ShownArgv.visible(tool + " " + shownArgs, false);
    }
}
