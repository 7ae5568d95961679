package dev.vtlab.cli;

import dev.vtlab.bench.Child;
import dev.vtlab.bench.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vtlab bench-child SUITE key=value...}: internal. {@code vtlab bench} starts one per row, in a fresh JVM, and
 * reads the lines it prints (see {@link Child}). Hidden from the lesson list.
 */
@Command(name = "bench-child", hidden = true,
        description = "Internal: one row of 'vtlab bench', in its own JVM. Not for direct use.")
final class BenchChildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE")
    String suite;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE")
    List<String> params = List.of();

    @Option(names = "--warmup", defaultValue = "0")
    int warmup;

    @Option(names = "--runs", defaultValue = "1")
    int runs;

    @Override
    public Integer call() throws Exception {
        Map<String, String> map = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "not KEY=VALUE: '" + p + "'");
            }
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        PrintWriter out = spec.commandLine().getOut();
        Child.run(Suite.byCliName(suite), map, warmup, runs, line -> {
            out.println(line);
            out.flush();
        });
        return ExitCode.OK.code();
    }
}
