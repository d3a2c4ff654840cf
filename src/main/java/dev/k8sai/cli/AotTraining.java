package dev.k8sai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run for the JDK's AOT cache (scripts/dist.sh, scripts/build.sh): JDK 25 records one JVM
 * run, so this runs the commands people start most — version, help, completion, analyze and audit of
 * a snapshot — in one JVM, and the cache holds the classes and method profiles of all of them. The
 * cache is used by the launcher with {@code -jar}, which is why this lives in the jar (the class path
 * must match) rather than in the tests. Output is discarded.
 * <p>
 * With a kubeconfig as second argument (scripts/build.sh passes the test cluster's when it is up),
 * live analyze runs are recorded too: the TLS handshake, the HTTP/2 client and the LIST parsing are
 * then loaded and profiled ahead of time, which no snapshot run exercises.
 * <p>
 * {@code java -XX:AOTCacheOutput=k8s-ai-agent.aot -cp k8s-ai-agent.jar dev.k8sai.cli.AotTraining SNAPSHOT.yaml [KUBECONFIG]}
 * (or {@code --light} instead of the snapshot: version, help and completion only)
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: AotTraining SNAPSHOT.yaml [KUBECONFIG] | --light");
            System.exit(2);
        }
        String snapshot = args[0];
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[] {"version"});
        runs.add(new String[] {"--help"});
        runs.add(new String[] {"analyze", "--help"});
        runs.add(new String[] {"completion", "bash"});
        // --light: the launcher's second cache, for version, help and completion only. A JDK 25 cache
        // loads every class it holds at start-up, so `version` with the full cache paid for loading
        // fabric8's and Jackson's ~1,400 classes it never uses (CPU 295 → 215 ms, paired runs).
        if (snapshot.equals("--light")) {
            runs.add(new String[] {"help", "analyze"});
            runs.addAll(List.copyOf(runs));
            runAll(runs);
            return;
        }
        // a large JSON List (what kubectl get -o json saves) takes the other path: read ahead while the
        // CLI starts, laid out by a byte scan and bound on several threads
        String list = largeJsonList(snapshot);
        // the snapshot commands twice over, so their hot methods get profiles worth keeping
        for (int i = 0; i < 3; i++) {
            runs.add(new String[] {"analyze", "-f", list, "-o", "json", "--no-exit-code"});
            runs.add(new String[] {"analyze", "-f", snapshot, "--no-exit-code"});
            runs.add(new String[] {"analyze", "-f", snapshot, "-o", "json", "--no-exit-code"});
            runs.add(new String[] {"audit", "-f", snapshot, "--no-exit-code"});
            if (args.length == 2) {
                runs.add(new String[] {"analyze", "--kubeconfig", args[1], "-A", "-o", "json", "--no-exit-code"});
            }
        }
        runAll(runs);
    }

    /** The snapshot's objects, copied under other names into a JSON List of a few MiB, in a temporary file. */
    private static String largeJsonList(String snapshot) {
        try {
            List<JsonNode> objects = new ArrayList<>();
            YAMLMapper yaml = new YAMLMapper();
            try (MappingIterator<JsonNode> docs = yaml.readValues(yaml.createParser(new File(snapshot)), JsonNode.class)) {
                docs.forEachRemaining(doc -> (doc.has("items") ? doc.get("items") : List.of(doc)).forEach(objects::add));
            }
            ArrayNode items = yaml.createArrayNode();
            for (int copy = 0; items.size() < 4_000; copy++) {
                for (JsonNode object : objects) {
                    ObjectNode item = object.deepCopy();
                    if (item.get("metadata") instanceof ObjectNode metadata && metadata.hasNonNull("name")) {
                        metadata.put("name", metadata.get("name").asText() + "-" + copy);
                    }
                    items.add(item);
                }
            }
            Path file = Files.createTempFile("k8s-ai-agent-training", ".json");
            file.toFile().deleteOnExit();
            new ObjectMapper().writeValue(file.toFile(), yaml.createObjectNode().put("apiVersion", "v1").put("kind", "List")
                    .set("items", items));
            return file.toString();
        } catch (IOException e) {
            return snapshot;
        }
    }

    /** Runs the commands with their output discarded and exits (1 when one failed). */
    private static void runAll(List<String[]> runs) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        int failed = 0;
        try {
            System.setOut(nowhere);
            System.setErr(nowhere);
            for (String[] run : runs) {
                int exit = Main.run(run);
                if (exit != 0) {
                    failed++;
                    err.println("AotTraining: " + String.join(" ", run) + " exited " + exit);
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
