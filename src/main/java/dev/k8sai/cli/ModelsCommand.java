package dev.k8sai.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.k8sai.ExitCodes;
import dev.k8sai.Mappers;
import dev.k8sai.app.ModelsUseCase;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        boolean asJson = global.output() == GlobalOptions.OutputFormat.json;
        ModelsUseCase.Result result = new ModelsUseCase(env).run(global.llmSettings());
        if (global.dryRun()) {
            out.println("GET " + result.url());
            out.flush();
            return ExitCodes.OK;
        }
        List<String> models = result.models();
        if (asJson) {
            ArrayNode array = Mappers.JSON.createArrayNode();
            models.forEach(array::add);
            out.println(array.toPrettyString());
        } else {
            models.forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }

}
