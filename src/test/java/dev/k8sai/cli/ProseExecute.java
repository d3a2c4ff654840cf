package dev.k8sai.cli;

import dev.k8sai.testing.cluster.TestClusterExtension;
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
 * {@code execute} through the command line on the real test cluster, for tests whose model answers in prose
 * (or not at all), so only the LLM path runs: execute's one reachability request is all the cluster sees.
 */
final class ProseExecute {

    record Run(int exit, String out, String err) { }

    private ProseExecute() {
    }

    /** A copy (in {@code dir}, so a test may rewrite it) of the real test cluster's kubeconfig. */
    static Path kubeconfig(Path dir) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.copy(TestClusterExtension.cluster().kubeconfig(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
