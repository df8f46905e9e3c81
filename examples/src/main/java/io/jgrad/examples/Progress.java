package io.jgrad.examples;

import java.io.PrintStream;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar (me.tongfei:progressbar) that also behaves when nobody watches.
 *
 * <p>On an interactive terminal the bar redraws in place several times a second. When the output
 * is not a terminal (CI logs, a file, a test's buffer) carriage returns would pile up as one huge
 * line, so the bar prints a full line only every few seconds and once at the end. The width is
 * fixed, so the library never probes the terminal (which can fail or warn when there is none).
 *
 * <pre>{@code
 * try (Progress bar = ctx.progress("epochs", epochs)) {
 *     for (int e = 0; e < epochs; e++) {
 *         ...
 *         bar.step(String.format("loss %.4f", loss));
 *     }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 90;
    private static final int INTERACTIVE_REFRESH_MILLIS = 200;
    private static final int LOG_REFRESH_MILLIS = 5_000;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(PrintStream out, String task, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("Progress: total must be >= 0, got " + total + " for '" + task + "'");
        }
        boolean interactive = out == System.out && System.console() != null;
        ProgressBarConsumer consumer = interactive
                ? new ConsoleProgressBarConsumer(out, WIDTH)
                : new DelegatingProgressBarConsumer(new ChangedLines(out), WIDTH);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(consumer)
                .setUpdateIntervalMillis(interactive ? INTERACTIVE_REFRESH_MILLIS : LOG_REFRESH_MILLIS)
                .build();
        return new Progress(bar);
    }

    /** Advances by one step. */
    public void step() {
        bar.step();
    }

    /** Advances by one step and shows {@code message} (e.g. the current loss) beside the bar. */
    public void step(String message) {
        bar.setExtraMessage(message);
        bar.step();
    }

    /** Draws the final state and ends the bar's line. */
    @Override
    public void close() {
        bar.close();
    }

    /** Prints each rendering on its own line, skipping one that repeats the line before it (closing redraws). */
    private static final class ChangedLines implements Consumer<String> {
        private final PrintStream out;
        private String last = "";

        ChangedLines(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(String line) {
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
        }
    }
}
