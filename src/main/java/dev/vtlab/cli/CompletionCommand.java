package dev.vtlab.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code vtlab completion bash}: picocli's own completion script for every lesson, option and value, generated from
 * the same model the parser uses, so it cannot drift from the options.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "(tool) Print a shell completion script for vtlab's lessons, options and values.",
        description = {
            "Print a completion script for bash (zsh reads it too, after 'autoload -U bashcompinit &&",
            "bashcompinit'). It completes both 'vtlab' and './vtlab'."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(./vtlab completion bash)",
            "      complete lessons, options and values in this shell",
            "  ./vtlab completion bash >> ~/.bash_completion",
            "      and in every new shell (bash-completion reads that file)"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash",
            description = {"The shell: bash (the only one; default: ${DEFAULT-VALUE}).", "Example: bash"})
    String shell;

    @Override
    public Integer call() {
        if (!shell.equalsIgnoreCase("bash")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid value for SHELL: '"
                    + shell + "'; use bash (zsh reads the bash script after bashcompinit)");
        }
        String script = AutoComplete.bash("vtlab", spec.root().commandLine());
        // picocli registers the script for "vtlab"; bash looks a command typed as ./vtlab up by that full word
        // first, so register it too.
        spec.commandLine().getOut().print(script.replace("complete -F _complete_vtlab -o default vtlab vtlab.sh"
                + " vtlab.bash", "complete -F _complete_vtlab -o default vtlab ./vtlab vtlab.sh vtlab.bash"));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
