package org.dealerpanel.common;

import io.quarkus.test.junit.QuarkusTest;
import java.time.ZoneId;
import java.time.ZoneOffset;

@QuarkusTest
class UtcDaysIT extends PanelDaysChecks {
    @Override
    ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    boolean postIn2017() {
        return false;
    }
}
