package dev.k8sai.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ScopeType;

/**
 * One help layout for every command, kubectl-style: the command's own options, then the global
 * options (inherited by every subcommand) under their own heading, then the command's examples.
 */
final class HelpLayout {

    private HelpLayout() {
    }

    static void apply(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        usage.optionListHeading(""); // written by the section below, only when the command has options of its own
        // "[OPTIONS]" instead of every global option in every synopsis; they are listed below it.
        usage.abbreviateSynopsis(true);
        if (!cl.getSubcommands().isEmpty()) {
            usage.commandListHeading("%nCommands:%n");
            List<String> order = new java.util.ArrayList<>(cl.getHelpSectionKeys());
            order.remove(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
            order.remove(UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
            int options = order.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING);
            order.addAll(options, List.of(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST));
            cl.setHelpSectionKeys(order);
        }
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> {
            // Only the global options this command reads (all are accepted), -o with the formats it writes.
            String command = spec.qualifiedName();
            List<OptionSpec> global = spec.options().stream().filter(HelpLayout::isGlobal)
                    .filter(o -> CommandOptions.uses(command, o))
                    .map(o -> o.longestName().equals("--output")
                            ? OptionSpec.builder(o).description(CommandOptions.outputHelp(command)).build() : o)
                    .toList();
            List<OptionSpec> own = spec.options().stream().filter(o -> !isGlobal(o)).toList();
            // picocli's optionListExcludingGroups(list) renders exactly the options of list
            String ownList = help.optionListExcludingGroups(own);
            String globalList = help.optionListExcludingGroups(global);
            // The root's help is where the global options are introduced; a subcommand's shows them apart.
            String ownPart = ownList.isEmpty() ? "" : help.createHeading("%nOptions:%n") + ownList;
            return globalList.isEmpty() ? ownPart
                    : ownPart + help.createHeading("%nGlobal options (any command, before or after its name):%n") + globalList;
        });
        List<String> examples = CommandExamples.of(spec.qualifiedName(" "));
        if (!examples.isEmpty() && usage.footer().length == 0) {
            usage.footerHeading("%nExamples:%n");
            usage.footer(java.util.stream.Stream.concat(examples.stream().map(e -> "  " + e.replace("%", "%%").replace("${", "$${")), java.util.stream.Stream.of(""))
                    .toArray(String[]::new));
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            apply(sub);
        }
    }

    static boolean isGlobal(OptionSpec option) {
        return option.inherited() || option.scopeType() == ScopeType.INHERIT;
    }
}
