package dev.k8sai.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print the version of k8s-ai-agent and of the Java runtime (-o json|yaml: as a document).")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RootCommand root;

    /** {@code -o json|yaml}: {@code {version, java: {version, vendor}}}, as kubectl version -o json gives a document. */
    public record Info(String version, Java java) {
        public record Java(String version, String vendor) { }
    }

    @Override
    public Integer call() {
        GlobalOptions.OutputFormat format = root == null || root.global() == null ? null : root.global().output();
        if (format == GlobalOptions.OutputFormat.json || format == GlobalOptions.OutputFormat.yaml) {
            StructuredOutput.print(info(), format, spec.commandLine().getOut());
            return 0;
        }
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }

    static Info info() {
        return new Info(Provider.version(), new Info.Java(Runtime.version().toString(), System.getProperty("java.vendor", "?")));
    }

    /** Reads the version Maven wrote into version.properties at build time. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                    "k8s-ai-agent " + version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"
            };
        }

        static String version() {
            java.util.Properties p = new java.util.Properties();
            try (var in = VersionCommand.class.getResourceAsStream("/k8s-ai-agent-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException ignored) {
                // fall through to "unknown": a missing resource must not break --version
            }
            return p.getProperty("version", "unknown");
        }
    }
}
