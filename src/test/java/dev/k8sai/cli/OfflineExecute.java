package dev.k8sai.cli;

import dev.k8sai.tools.Confirmer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code execute} through the command line with a kubeconfig for a cluster that is never contacted: for tests
 * whose model answers in prose (or not at all), so only the LLM path runs.
 */
final class OfflineExecute {

    record Run(int exit, String out, String err) { }

    private OfflineExecute() {
    }

    /** A readable kubeconfig naming an unreachable server. */
    static Path kubeconfig(Path dir) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: abc}}]
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """);
        return file;
    }

    /** Runs the CLI; with {@code sameWriter} stdout and stderr go to one writer (as on a terminal) and err is empty. */
    static Run run(Path kubeconfig, Map<String, String> env, String stdin, boolean sameWriter, String... args) {
        CommandLine cl = Main.newCommandLine();
        ExecuteCommand execute = (ExecuteCommand) cl.getSubcommands().get("execute").getCommand();
        execute.env = env;
        execute.confirmer = Confirmer.none();
        execute.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        execute.stdinPiped = false;
        StringWriter out = new StringWriter();
        StringWriter err = sameWriter ? out : new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        return new Run(cl.execute(all.toArray(String[]::new)), out.toString(), sameWriter ? "" : err.toString());
    }
}
