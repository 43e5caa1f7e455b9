package org.hopfield4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The commands' progress bar on stderr (me.tongfei:progressbar): one line redrawn with carriage
 * returns while working and blanked when done, so that an error after it is still the only line;
 * nothing at all when switched off ({@code --no-progress}).
 */
final class ProgressLine implements AutoCloseable {
    private final ProgressBar bar;   // null when off
    private final PrintWriter err;

    /**
     * @param unit the unit after the counts (say " epochs"), or "" for none
     */
    ProgressLine(PrintWriter err, boolean off, String task, long total, String unit, int intervalMillis, int width) {
        this.err = err;
        this.bar = off ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(intervalMillis)
                .setUnit(unit, 1)
                .clearDisplayOnFinish()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    synchronized (err) {
                        err.print('\r');
                        err.print(line);
                        err.flush();
                    }
                }, width))
                .build();
    }

    /** One more unit of work done, described by {@code what}. */
    void step(String what) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(what);
        }
    }

    /** {@code done} units of work done, described by {@code what}. */
    void stepTo(long done, String what) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(what);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();   // renders once more, then blanks the line
            synchronized (err) {
                err.print('\r');
                err.flush();
            }
        }
    }
}
