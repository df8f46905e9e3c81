package io.jgrad.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The examples program: {@code java -jar examples/target/jgrad-examples.jar <command> [options]}.
 *
 * <p>Options (before or after the command): {@code --out DIR} (default {@code ./jgrad-output}),
 * {@code --seed N} (default 42), {@code --quick} (a small budget, as the tests use).
 */
public final class Main {
    /** Every subcommand, in the order {@code help} lists them. Add new commands here. */
    static final List<Command> COMMANDS = List.of(
            new Tour(),
            new ChainRule(),
            new ComputationGraph(),
            new ManualVsAutograd(),
            new LogisticRegression(),
            new ShallowNetwork(),
            new Activations(),
            new Initialisation(),
            new Optimizers(),
            new Regularisation(),
            new BallOrNot(),
            new CustomOp());

    /** The benchmark command, provided by the bench module (see bench/RESULTS.md). */
    static final String BENCH = "bench";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (args.length > 0 && args[0].equals(BENCH)) {
            // The benchmark command has options of its own (--json, --only, ...): hand them over as they are.
            io.jgrad.bench.Bench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses {@code args}, runs the command, and returns the process exit code: 0 on success, 2 for
     * a usage error, 1 when the command failed.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path outDir = RunContext.DEFAULT_OUT;
        long seed = RunContext.DEFAULT_SEED;
        boolean quick = false;
        String name = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out", "--seed" -> {
                    if (i + 1 == args.length) {
                        err.println("Option " + a + " needs a value, e.g. " + a + (a.equals("--out") ? " results" : " 7"));
                        return 2;
                    }
                    String v = args[++i];
                    if (a.equals("--out")) {
                        outDir = Path.of(v);
                    } else {
                        try {
                            seed = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            err.println("Option --seed needs a whole number, got '" + v + "'");
                            return 2;
                        }
                    }
                }
                case "--quick" -> quick = true;
                case "-h", "--help" -> name = "help";
                default -> {
                    if (a.startsWith("-") || name != null) {
                        err.println("Unexpected argument '" + a + "'.");
                        printHelp(err);
                        return 2;
                    }
                    name = a;
                }
            }
        }
        if (name == null || name.equals("help")) {
            printHelp(out);
            return 0;
        }
        Optional<Command> command = find(name);
        if (command.isEmpty()) {
            err.println("Unknown command '" + name + "'.");
            printHelp(err);
            return 2;
        }
        try {
            Result result = command.get().run(new RunContext(outDir, seed, out, quick));
            printFiles(result, outDir, out);
            out.flush();
            return 0;
        } catch (Exception e) {
            out.flush();
            err.println(name + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The command called {@code name}. */
    static Optional<Command> find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static void printFiles(Result result, Path outDir, PrintStream out) {
        if (result.files().isEmpty()) {
            return;
        }
        out.println();
        out.println("Files written to " + outDir.toAbsolutePath().normalize() + ":");
        for (Path f : result.files()) {
            out.println("  " + f.getFileName());
        }
    }

    static void printHelp(PrintStream out) {
        out.println("jgrad examples: automatic differentiation in pure Java, shown step by step.");
        out.println();
        out.println("usage: java -jar examples/target/jgrad-examples.jar <command> [--out DIR] [--seed N] [--quick]");
        out.println();
        out.println("commands:");
        for (Command c : COMMANDS) {
            out.println(String.format(Locale.ROOT, "  %-22s %s", c.name(), c.summary()));
        }
        out.println(String.format(Locale.ROOT, "  %-22s %s", BENCH,
                "training steps, matrix products, autograd overhead and memory (bench --help for its options)"));
        out.println(String.format(Locale.ROOT, "  %-22s %s", "help", "this list"));
        out.println();
        out.println("options:");
        out.println("  --out DIR    folder for charts and graphs (default ./jgrad-output)");
        out.println("  --seed N     seed for every random number (default 42)");
        out.println("  --quick      a small budget: fewer epochs, same claims (used by the tests)");
    }
}
