package org.dealerpanel.observation.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body of an import as it arrives: counts the bytes (for the progress record), refuses more than the
 * limit, and tells a failure of the transport (the client went away, the read timed out) apart from a file that cannot
 * be parsed: a read of the underlying stream that fails is rethrown as {@link Interrupted}.
 */
final class ImportBody extends FilterInputStream {
    /** The client stopped sending (disconnected, or the read timed out): nothing is written. */
    static final class Interrupted extends IOException {
        Interrupted(IOException cause) {
            super(reason(cause), cause);
        }

        /** The innermost cause's message ("Connection was closed"), without the class names of its wrappers. */
        private static String reason(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
    }

    /** More bytes than the import accepts. */
    static final class TooLarge extends IOException {
        final long limit;

        TooLarge(long limit) {
            super("the file is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private final long limit;
    private final ImportRunService.Progress progress;
    private long count;

    ImportBody(InputStream in, long limit, ImportRunService.Progress progress) {
        super(in);
        this.limit = limit;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw failure(e);
        }
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            throw failure(e);
        }
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    long count() {
        return count;
    }

    private void counted(int n) throws TooLarge {
        count += n;
        progress.bytesRead = count;
        if (limit > 0 && count > limit) {
            throw new TooLarge(limit);
        }
    }

    private IOException failure(IOException e) {
        // Quarkus' own body limit (quarkus.http.limits.max-body-size) ends the exchange with 413 itself
        if ("Request too large".equals(e.getMessage())) {
            return new TooLarge(limit);
        }
        return e instanceof Interrupted || e instanceof TooLarge ? e : new Interrupted(e);
    }
}
