package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import dev.k8sai.app.ToolCalls;
import dev.k8sai.mcp.McpStdioServer;
import dev.k8sai.mcp.McpTools;
import dev.k8sai.mcp.WritePolicy;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the tools (analyze, audit, explain_findings, diagnose, get_resources, get_events, pod_logs, kubectl)"
                + " to an MCP client over stdin/stdout.",
                "Changes are refused unless --allow-writes; then each one is confirmed by a person through MCP elicitation."
                        + " --read-only wins. See docs/mcp.md."})
public final class McpCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--allow-writes", description = "Allow changes through the kubectl tool, each confirmed by a person at the client.")
    boolean allowWrites;

    /** Environment lookup; tests replace it (the JVM's environment cannot be changed in-process). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        GlobalOptions global = root.global();
        try (ToolCalls calls = new ToolCalls(global.target(), env)) {
            WritePolicy policy = new WritePolicy(global.readOnly(), allowWrites);
            // stdout carries only the protocol: anything a library prints by mistake goes to stderr instead.
            PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
            PrintStream previous = System.out;
            System.setOut(System.err);
            try {
                McpStdioServer.serve(McpTools.all(global.llmSettings(), env), calls, policy, version(),
                        new FileInputStream(FileDescriptor.in), protocol);
            } finally {
                System.setOut(previous);
            }
        }
        return ExitCodes.OK;
    }

    private static String version() {
        String line = new VersionCommand.Provider().getVersion()[0];
        return line.substring(line.lastIndexOf(' ') + 1);
    }
}
