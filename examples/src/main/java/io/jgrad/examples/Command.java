package io.jgrad.examples;

/**
 * One subcommand of the examples program: the tour, a tutorial, or a tool.
 *
 * <p>To add one, write a final class implementing this interface and list an instance in
 * {@link Main#COMMANDS}. {@code run} writes what it shows to {@link RunContext#out()}, writes files
 * only under {@link RunContext#outDir()} (through {@link RunContext#file(String)}), draws every
 * random number from {@link RunContext#rng()} or {@link RunContext#seed()}, and, when
 * {@link RunContext#quick()} is set (tests), uses a smaller budget (fewer epochs or examples) that
 * still makes its point.
 *
 * <p>{@code run} returns a {@link Result}: the numbers its tests assert, by name, and the files it
 * wrote. A command that cannot make its point (say an accuracy below its bar) still returns; its
 * test decides.
 */
public interface Command {
    /** The subcommand's name on the command line, lower case with hyphens, e.g. {@code chain-rule}. */
    String name();

    /** One line for {@code help}: what the command shows. */
    String summary();

    /** Runs the command. Exceptions propagate to {@link Main}, which prints them and exits non-zero. */
    Result run(RunContext ctx) throws Exception;
}
