package dev.k8sai.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.llm.ModelLister;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models a provider profile's endpoint offers.")
public final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    /** Environment lookup; tests replace it (the JVM's environment cannot be changed in-process). */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        ProviderProfile profile = resolve(global, env);
        List<String> models = ModelLister.list(profile);
        PrintWriter out = spec.commandLine().getOut();
        if (global.output() == GlobalOptions.OutputFormat.json) {
            ObjectMapper json = new ObjectMapper();
            ArrayNode array = json.createArrayNode();
            models.forEach(array::add);
            out.println(array.toPrettyString());
        } else if (global.output() == null || global.output() == GlobalOptions.OutputFormat.text) {
            models.forEach(out::println);
        } else {
            throw new AgentException(ExitCodes.USAGE, "models supports -o text or -o json, not -o " + global.output());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Interim profile resolution until {@code dev.k8sai.config.ConfigLoader} lands: replace the body with
     * the ConfigLoader call (config file + --provider + --model). For now: {@code --provider ollama} uses
     * OLLAMA_HOST; anything else is an OpenAI-compatible endpoint from OPENAI_BASE_URL (or OPENAI_API_BASE)
     * and OPENAI_API_KEY, defaulting to api.openai.com.
     */
    static ProviderProfile resolve(GlobalOptions global, Function<String, String> env) {
        String provider = global.provider() == null ? "openai" : global.provider().toLowerCase(Locale.ROOT);
        if (provider.equals("ollama")) {
            return new ProviderProfile("ollama", ProviderType.OLLAMA, env.apply("OLLAMA_HOST"),
                    global.model() == null ? "llama3.2" : global.model(), null, null, null, null,
                    Duration.ofSeconds(30), 0, ToolCallingMode.NATIVE, Map.of());
        }
        String base = env.apply("OPENAI_BASE_URL");
        if (base == null || base.isBlank()) {
            base = env.apply("OPENAI_API_BASE");
        }
        boolean official = base == null || base.isBlank();
        return new ProviderProfile(provider, official ? ProviderType.OPENAI : ProviderType.OPENAI_COMPATIBLE,
                official ? null : base, global.model() == null ? "gpt-4o-mini" : global.model(), "OPENAI_API_KEY",
                env.apply("OPENAI_API_KEY"), null, null, Duration.ofSeconds(30), 0, ToolCallingMode.NATIVE, Map.of());
    }
}
