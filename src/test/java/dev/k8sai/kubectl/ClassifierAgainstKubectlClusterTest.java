package dev.k8sai.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.kubectl.KubectlCommandClassifier.Access;
import dev.k8sai.kubectl.KubectlFlagTable.Command;
import dev.k8sai.kubectl.KubectlFlagTable.Flag;
import dev.k8sai.testing.cluster.CommandResult;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl as the oracle: random argument lists (any command, any flag in any written form,
 * values named like commands) that the classifier calls READ are run by kubectl v1.34.4 itself, as an
 * identity with no permissions (so nothing can change) and with -v=6, which logs every request's
 * method. A read sends only GETs — and POSTs to the self-review APIs auth can-i/whoami use, which
 * persist nothing.
 */
@RealCluster
class ClassifierAgainstKubectlClusterTest {

    private static final Pattern REQUEST = Pattern.compile("\"Response\" verb=\"(\\w+)\" url=\"([^\"]+)\"");
    private static final KubectlFlagTable TABLE = KubectlFlagTable.pinned();

    private static List<List<String>> readsFromRandomLines(int wanted, Random random) {
        List<Command> commands = TABLE.commands().stream().filter(c -> !c.path().isEmpty()).toList();
        List<String> words = new ArrayList<>(new LinkedHashSet<>(TABLE.commands().stream().flatMap(c -> c.words().stream()).toList()));
        Set<List<String>> reads = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 200_000 && reads.size() < wanted; attempt++) {
            Command c = commands.get(random.nextInt(commands.size()));
            List<String> argv = new ArrayList<>(c.words());
            argv.add(random.nextBoolean() ? "pods" : "deployment/d1");
            Command flagsFrom = random.nextInt(4) == 0 ? commands.get(random.nextInt(commands.size())) : c;
            List<Flag> flags = new ArrayList<>(flagsFrom.flagSet().byName().values());
            for (int n = random.nextInt(4); n > 0; n--) {
                Flag f = flags.get(random.nextInt(flags.size()));
                String value = words.get(random.nextInt(words.size()));
                List<String> option = switch (random.nextInt(4)) {
                    case 0 -> List.of("--" + f.name(), value);
                    case 1 -> List.of("--" + f.name() + "=" + value);
                    case 2 -> f.shorthand().isEmpty() ? List.of("--" + f.name()) : List.of("-" + f.shorthand(), value);
                    default -> List.of("--" + f.name().replace('-', '_'));
                };
                argv.addAll(random.nextInt(argv.size() + 1), option);
            }
            if (KubectlCommandClassifier.classify(argv).access() == Access.READ) {
                reads.add(argv);
            }
        }
        return List.copyOf(reads);
    }

    @Test
    void whatTheClassifierCallsAReadOnlyReadsWhenKubectlRunsIt(TestCluster cluster) {
        List<List<String>> reads = readsFromRandomLines(40, new Random(20261201L));
        assertThat(reads).hasSizeGreaterThanOrEqualTo(30);
        List<String> writes = new ArrayList<>();
        int requests = 0;
        for (List<String> argv : reads) {
            List<String> args = new ArrayList<>(List.of("--as=k8s-ai-agent-nobody", "-v=6", "--request-timeout=5s"));
            args.addAll(argv);
            CommandResult r = cluster.kubectl(args.toArray(String[]::new));
            Matcher m = REQUEST.matcher(r.stderr());
            while (m.find()) {
                requests++;
                boolean review = m.group(1).equals("POST") && m.group(2).contains("/selfsubject");
                if (!m.group(1).equals("GET") && !review) {
                    writes.add(m.group(1) + " " + m.group(2) + " from kubectl " + String.join(" ", argv));
                }
            }
        }
        // many random lines fail kubectl's own validation before any request; enough of them reach the server
        assertThat(requests).as("kubectl reached the API server").isGreaterThanOrEqualTo(15);
        assertThat(writes).isEmpty();
    }
}
