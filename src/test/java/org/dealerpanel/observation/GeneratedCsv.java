package org.dealerpanel.observation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * An observations CSV made while it is read (never held in memory): for each handle, one line per day from
 * {@code start}, posts = (account + day) % 7, images = (account * day) % 11; optionally slow (a pause after every
 * {@code pauseEvery} rows) and with extra lines at the end. Counts the bytes it produced.
 */
final class GeneratedCsv extends InputStream {
    static final String HEADER = "platform,handle,date,posts,images\n";

    private final String platform;
    private final List<String> handles;
    private final int days;
    private final LocalDate start;
    private final String tail;
    private int pauseEvery;
    private long pauseMillis;
    private int account;
    private int day;
    private long rows;
    private long bytes;
    private byte[] line = HEADER.getBytes(StandardCharsets.UTF_8);
    private int pos;
    private boolean tailDone;
    private int changeEvery;

    GeneratedCsv(String platform, List<String> handles, int days, LocalDate start, String tail) {
        this.platform = platform;
        this.handles = handles;
        this.days = days;
        this.start = start;
        this.tail = tail == null ? "" : tail;
    }

    /** Sleeps {@code millis} after every {@code rows} rows: an upload that takes a while. */
    GeneratedCsv slow(int rows, long millis) {
        this.pauseEvery = rows;
        this.pauseMillis = millis;
        return this;
    }

    /** Every {@code n}-th row gets one more post than {@link #posts} says. */
    GeneratedCsv changeEvery(int n) {
        this.changeEvery = n;
        return this;
    }

    static int posts(int account, int day) {
        return (account + day) % 7;
    }

    static int images(int account, int day) {
        return (account * day) % 11;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        bytes++;
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len && fill()) {
            int k = Math.min(len - n, line.length - pos);
            System.arraycopy(line, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        bytes += n;
        return n == 0 ? -1 : n;
    }

    private boolean fill() throws IOException {
        if (pos < line.length) {
            return true;
        }
        if (account < handles.size()) {
            if (pauseEvery > 0 && rows > 0 && rows % pauseEvery == 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            rows++;
            int p = posts(account, day) + (changeEvery > 0 && rows % changeEvery == 0 ? 1 : 0);
            line = (platform + "," + handles.get(account) + "," + start.plusDays(day) + "," + p + ","
                    + images(account, day) + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            if (++day == days) {
                day = 0;
                account++;
            }
            return true;
        }
        if (!tailDone) {
            tailDone = true;
            line = tail.getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return line.length > 0;
        }
        return false;
    }
}
