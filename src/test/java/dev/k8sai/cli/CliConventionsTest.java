package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 16: completion, help CMD, "did you mean", global options apart, examples, and the lazy command tree. */
class CliConventionsTest {

    /** Runs as Main.run does: the tree is built for these arguments (lazily). */
    private static AnalyzeCommandTest.Run run(String... args) {
        return AnalyzeCommandTest.capture(Main.configure(CommandTree.forArgs(CommandLine.defaultFactory(), args)), args);
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltWhenOneIsNamed() {
        CommandLine version = CommandTree.forArgs(CommandLine.defaultFactory(), "--kubeconfig", "/x", "-n", "shop", "version");
        assertThat(version.getSubcommands()).containsOnlyKeys("version");
        CommandLine analyze = CommandTree.forArgs(CommandLine.defaultFactory(), "-A", "--context=prod", "analyze", "-f", "x.yaml");
        assertThat(analyze.getSubcommands()).containsOnlyKeys("analyze");
        // help, a typo, root help and no command at all need every command
        for (String[] args : List.of(new String[] {"help", "analyze"}, new String[] {"analyse"}, new String[] {"--help", "analyze"},
                new String[] {}, new String[] {"-n", "shop"}, new String[] {"-nshop", "version"})) {
            assertThat(CommandTree.forArgs(CommandLine.defaultFactory(), args).getSubcommands())
                    .as(String.join(" ", args)).containsKeys("analyze", "audit", "version", "completion", "help");
        }
    }

    @Test
    void globalOptionsStillWorkAfterTheSubcommandInTheLazyTree() {
        AnalyzeCommandTest.Run r = run("analyze", "-f", "examples/broken-shop.yaml", "-o", "json", "--no-exit-code", "-n", "shop");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"reason\": \"CrashLoopBackOff\"");
    }

    @Test
    void helpCommandShowsAnotherCommandsHelp() {
        AnalyzeCommandTest.Run r = run("help", "analyze");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: k8s-ai-agent analyze [OPTIONS]").contains("--filter");
    }

    @Test
    void mistypedCommandsAndOptionsGetSuggestions() {
        AnalyzeCommandTest.Run command = run("analyse", "-f", "examples/broken-shop.yaml");
        assertThat(command.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.err()).contains("Did you mean: k8s-ai-agent analyze");
        AnalyzeCommandTest.Run option = run("analyze", "--fitler", "pod");
        assertThat(option.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("--filter").contains("Try 'k8s-ai-agent analyze --help'");
    }

    @Test
    void globalOptionsAreShownApartFromTheCommandsOwn() {
        String help = run("analyze", "--help").out();
        String own = help.substring(help.indexOf("\nOptions:"), help.indexOf("\nGlobal options"));
        String global = help.substring(help.indexOf("\nGlobal options"), help.indexOf("\nExamples:"));
        assertThat(own).contains("--filter", "--file", "--explain").doesNotContain("--kubeconfig", "--namespace");
        assertThat(global).contains("--kubeconfig", "--namespace", "--model").doesNotContain("--filter")
                .as("analyze never changes anything").doesNotContain("--read-only", "--yes", "--max-iterations");
    }

    @Test
    void everyCommandHasExamplesThatFitTheHelpWidth() {
        List<CommandLine> all = new ArrayList<>();
        collect(CommandTree.full(CommandLine.defaultFactory()), all);
        assertThat(all).hasSizeGreaterThan(12);
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName(" ");
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).contains("\nExamples:\n  ");
            String examples = help.substring(help.indexOf("\nExamples:"));
            assertThat(examples.lines()).as(name).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
            assertThat(examples).as(name).contains(name);
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void bashCompletionOffersCommandsAndOptions(@TempDir Path dir) throws Exception {
        AnalyzeCommandTest.Run r = run("completion", "bash");
        assertThat(r.exit()).isZero();
        Path script = dir.resolve("k8s-ai-agent.bash");
        Files.writeString(script, r.out());
        assertThat(complete(script, "k8s-ai-agent", "an")).containsExactly("analyze");
        assertThat(complete(script, "k8s-ai-agent", "analyze", "--fil")).containsExactlyInAnyOrder("--file", "--filter");
        assertThat(complete(script, "k8s-ai-agent", "-n", "shop", "au")).containsExactly("audit");
        assertThat(complete(script, "k8s-ai-agent", "analyze", "-o", "")).contains("json", "yaml");
    }

    /** Sources the script in a real bash and asks its completion function, as bash does on TAB. */
    static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        String line = String.join(" ", words);
        String bash = "source '" + script + "'\n"
                + "COMP_WORDS=(" + String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList()) + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_k8s-ai-agent k8s-ai-agent \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void zshAndFishScriptsNameEveryCommand() {
        String zsh = run("completion", "zsh").out();
        assertThat(zsh).contains("bashcompinit").contains("_picocli_k8s-ai-agent_analyze");
        String fish = run("completion", "fish").out();
        assertThat(fish).contains("complete -c k8s-ai-agent -n 'not __fish_seen_subcommand_from analyze audit")
                .contains("-a analyze -d 'Find what is broken")
                .contains("complete -c k8s-ai-agent -n '__fish_seen_subcommand_from analyze' -l filter -r")
                .contains("-l output -r -a 'text json yaml sarif'")
                .contains("-n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from path set use-profile view' -a view");
        AnalyzeCommandTest.Run bad = run("completion", "tcsh");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("tcsh").doesNotContain("Exception");
    }

    @Test
    void onlyCommandsThatUseTheConfigFileReadIt() {
        assertThat(CommandTree.needsConfig(CommandTree.full(CommandLine.defaultFactory()).parseArgs("analyze", "-f", "x"))).isTrue();
        assertThat(CommandTree.needsConfig(CommandTree.full(CommandLine.defaultFactory()).parseArgs("version"))).isFalse();
        assertThat(CommandTree.needsConfig(CommandTree.full(CommandLine.defaultFactory()).parseArgs("audit", "--help"))).isFalse();
    }
}
