package dev.k8sai.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command; its subcommands are registered by {@link CommandTree} (lazily, for start-up time). */
@Command(name = "k8s-ai-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "A Kubernetes assistant: rule-based analysis and security audit that work without an LLM, "
                + "and LLM-powered explain, diagnose, generate and execute.")
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
