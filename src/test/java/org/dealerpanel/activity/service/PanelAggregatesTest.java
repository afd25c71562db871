package org.dealerpanel.activity.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PanelAggregatesTest {

    @Test
    void readsPostgresBigintArraysWithNullsAsZero() {
        long[] parsed = ActivitySummarySql.PanelAggregates.parseArray("{1,-2,NULL,4611686018427387904,0}");
        assertArrayEquals(new long[] {1, -2, 0, 4611686018427387904L, 0}, parsed);
        assertArrayEquals(new long[] {7}, ActivitySummarySql.PanelAggregates.parseArray("{7}"));
        assertArrayEquals(new long[0], ActivitySummarySql.PanelAggregates.parseArray("{}"));
        assertArrayEquals(new long[0], ActivitySummarySql.PanelAggregates.parseArray(null), "no rows at all");
        assertThrows(IllegalStateException.class, () -> ActivitySummarySql.PanelAggregates.parseArray("1,2"));
    }
}
