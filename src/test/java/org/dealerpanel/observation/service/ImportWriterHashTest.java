package org.dealerpanel.observation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The writer's hash must be PostgreSQL's hashint8, or no re-imported row would ever be found unchanged. */
class ImportWriterHashTest {
    @Test
    void hashInt8IsPostgresHashint8() {
        // select hashint8(v) on PostgreSQL 15 for these values
        long[] values = {0, 1, -1, 16071L * 16_777_216 + 5, -719162L * 16_777_216 + 9_999_999, Long.MAX_VALUE,
                (16071L * 16_777_216 + 5) ^ 2685821657736338717L};
        int[] postgres = {-272711505, -1905060026, 385747274, -266436783, -1189347876, -1524351049, -957753239};
        for (int i = 0; i < values.length; i++) {
            assertEquals(postgres[i], ImportWriter.hashInt8(values[i]), "hashint8(" + values[i] + ")");
        }
    }
}
