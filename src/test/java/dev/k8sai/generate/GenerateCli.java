package dev.k8sai.generate;

import dev.k8sai.AgentException;
import dev.k8sai.cli.GenerateCommand;
import dev.k8sai.cli.RootCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Drives `k8s-ai-agent generate …` in-process with an injected GenerateCommand, the way Main would with a
 * factory (Main.newCommandLine takes no IFactory yet; its error handling is mirrored here).
 */
final class GenerateCli {

    record Run(int exitCode, String out, String err) { }

    private GenerateCli() {
    }

    static Run run(GenerateCommand command, String... args) {
        CommandLine cl = new CommandLine(new RootCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == GenerateCommand.class ? cls.cast(command) : CommandLine.defaultFactory().create(cls);
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            Throwable t = ex;
            while (!(t instanceof AgentException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof AgentException a) {
                c.getErr().println("k8s-ai-agent: " + a.getMessage());
                return a.exitCode();
            }
            throw ex;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
