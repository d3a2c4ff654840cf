package dev.k8sai.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.kubectl.KubectlFlagTable.Command;
import dev.k8sai.kubectl.KubectlFlagTable.Flag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed flag table is kubectl v1.34.4's, as pinned in tools/testcluster/go.mod, and the allow-list fits it. */
class KubectlFlagTableTest {

    private static final KubectlFlagTable TABLE = KubectlFlagTable.pinned();

    @Test
    void generatedForThePinnedKubectl() throws Exception {
        String pinned = Files.readAllLines(Path.of("tools/testcluster/go.mod")).stream().map(String::strip)
                .filter(l -> l.startsWith("k8s.io/kubernetes ")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(pinned).isEqualTo("v1.34.4");
        assertThat(TABLE.kubectlVersion()).isEqualTo(pinned);
        assertThat(TABLE.commands()).hasSizeGreaterThan(80);
    }

    private static Flag flag(String path, String name) {
        Command c = TABLE.command(path).orElseThrow(() -> new AssertionError("no command " + path));
        return c.flagSet().lookup(name).orElseThrow(() -> new AssertionError("kubectl " + path + " has no --" + name));
    }

    @Test
    void knownFlagsHaveKubectlsArity() {
        Flag namespace = flag("", "namespace");
        assertThat(namespace.shorthand()).isEqualTo("n");
        assertThat(namespace.persistent()).isTrue();
        assertThat(namespace.valueOptional()).isFalse();
        assertThat(flag("get", "namespace")).isEqualTo(namespace);
        assertThat(flag("get", "output").shorthand()).isEqualTo("o");
        assertThat(flag("get", "watch")).extracting(Flag::shorthand, Flag::type, Flag::noOptDefVal).containsExactly("w", "bool", "true");
        assertThat(flag("apply", "dry-run").noOptDefVal()).isEqualTo("unchanged");
        assertThat(flag("rollout restart", "field-manager").valueOptional()).isFalse();
        assertThat(flag("auth reconcile", "template").valueOptional()).isFalse();
        assertThat(flag("logs", "follow").shorthand()).isEqualTo("f");
        assertThat(flag("delete", "raw").type()).isEqualTo("string");
        assertThat(flag("config set-credentials", "exec-command").valueOptional()).isFalse();
        assertThat(flag("get", "help").shorthand()).isEqualTo("h");
        assertThat(flag("", "v").type()).isEqualTo("Level");
        assertThat(TABLE.command("rollout").orElseThrow().child("status")).isPresent();
        assertThat(TABLE.command("rollout").orElseThrow().flags()).doesNotContainKey("field-manager");
        assertThat(TABLE.command("auth").orElseThrow().children()).containsKeys("can-i", "whoami", "reconcile");
        assertThat(TABLE.command("apply").orElseThrow().children()).containsKeys("view-last-applied", "set-last-applied", "edit-last-applied");
    }

    @Test
    void everyAllowListedPathAndOptionExistsInKubectl() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> e : ReadAllowList.PATHS.entrySet()) {
            var command = TABLE.command(e.getKey());
            if (command.isEmpty()) {
                missing.add("command " + e.getKey());
                continue;
            }
            for (String option : e.getValue()) {
                if (!command.get().flags().containsKey(option)) {
                    missing.add(e.getKey() + " --" + option);
                }
            }
            for (String option : ReadAllowList.GLOBAL) {
                if (command.get().flagSet().lookup(option).isEmpty()) {
                    missing.add(e.getKey() + " (global) --" + option);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void neverFlagsNameRealKubectlFlags() {
        // each name in the never-lists is a flag of some kubectl command (a typo would silently allow it)
        List<String> all = TABLE.commands().stream().flatMap(c -> c.flags().keySet().stream()).distinct().toList();
        assertThat(all).containsAll(KubectlCommandClassifier.TARGET_FLAGS).containsAll(KubectlCommandClassifier.LOCAL_EFFECT_FLAGS);
        // and the global ones among them are the root's persistent flags, known to every command
        assertThat(TABLE.root().flags().keySet()).contains("kubeconfig", "context", "cluster", "user", "token", "as", "as-group",
                "as-uid", "server", "certificate-authority", "client-key", "client-certificate", "insecure-skip-tls-verify",
                "tls-server-name", "kuberc", "cache-dir", "profile", "profile-output");
    }
}
