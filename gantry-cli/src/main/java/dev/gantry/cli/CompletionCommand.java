package dev.gantry.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "completion",
        description = "Print the bash/zsh completion script for gantry.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(gantry completion)             in the current shell",
            "  gantry completion > /etc/bash_completion.d/gantry"
        })
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("gantry", spec.parent().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
