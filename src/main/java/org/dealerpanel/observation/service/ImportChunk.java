package org.dealerpanel.observation.service;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of checked rows handed from the CSV reader to the {@link ImportWriter}, in primitive arrays (no object per
 * row), with the accounts (platform, handle) first named in it: the writer resolves those before writing the rows.
 */
final class ImportChunk {
    static final int ROWS = 32 * 1024;

    final long[] line = new long[ROWS];
    final int[] key = new int[ROWS];
    final int[] day = new int[ROWS];
    final int[] posts = new int[ROWS];
    final int[] images = new int[ROWS];
    int size;
    /** Key numbers of the accounts first seen in this chunk are firstNewKey, firstNewKey + 1, … */
    int firstNewKey;
    final List<String> newPlatforms = new ArrayList<>();
    final List<String> newHandles = new ArrayList<>();

    boolean full() {
        return size == ROWS;
    }

    void add(long lineNumber, int keyNumber, int epochDay, int postCount, int imageCount) {
        line[size] = lineNumber;
        key[size] = keyNumber;
        day[size] = epochDay;
        posts[size] = postCount;
        images[size] = imageCount;
        size++;
    }

    void reset(int nextKey) {
        size = 0;
        firstNewKey = nextKey;
        newPlatforms.clear();
        newHandles.clear();
    }
}
