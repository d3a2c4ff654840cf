package dev.k8sai.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "k8s-ai-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "A Kubernetes assistant: rule-based analysis and security audit that work without an LLM, "
                + "and LLM-powered explain, diagnose, generate and execute.",
        subcommands = {
                AnalyzeCommand.class,
                AuditCommand.class,
                DiagnoseCommand.class,
                GenerateCommand.class,
                ExecuteCommand.class,
                ChatCommand.class,
                ModelsCommand.class,
                ServeCommand.class,
                ConfigCommand.class,
                VersionCommand.class,
        })
public final class RootCommand implements Runnable {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
