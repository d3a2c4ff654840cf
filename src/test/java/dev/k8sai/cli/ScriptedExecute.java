package dev.k8sai.cli;

import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code execute} in-process against a real test cluster with the scripted server as the model (issue 10 attack tests). */
final class ScriptedExecute {

    record Result(int exit, String out, String err) { }

    private ScriptedExecute() {
    }

    /** {@code approve} answers every confirmation question; {@code stdin} is what --context-file - reads. */
    static Result run(ScriptedLlmServer server, TestCluster cluster, Path configHome, boolean approve, String stdin, String... args) {
        CommandLine cl = Main.newCommandLine();
        ExecuteCommand execute = (ExecuteCommand) cl.getSubcommands().get("execute").getCommand();
        execute.env = ScriptedLlmTest.env(server, cluster, configHome);
        execute.confirmer = q -> approve;
        execute.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        execute.stdinPiped = false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--kubeconfig", cluster.kubeconfig().toString()));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
