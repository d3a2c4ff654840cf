// Writes AsciiDoc man pages for every command with picocli-codegen's ManPageGenerator (run by
// scripts/dist.sh with the JDK's source launcher; asciidoctor turns them into roff). The tree is built
// by CommandTree.full because the root's subcommands are registered in code, not in its annotation.
//   java -cp k8s-ai-agent.jar:picocli-codegen.jar ManPages.java OUTDIR
import java.io.File;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

public class ManPages {
    public static void main(String[] args) throws Exception {
        CommandLine tree = dev.k8sai.cli.CommandTree.full(CommandLine.defaultFactory());
        int exit = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, tree.getCommandSpec());
        System.exit(exit);
    }
}
