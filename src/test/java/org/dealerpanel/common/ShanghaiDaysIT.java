package org.dealerpanel.common;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.ZoneId;
import java.util.Map;

@QuarkusTest
@TestProfile(ShanghaiDaysIT.Shanghai.class)
class ShanghaiDaysIT extends PanelDaysChecks {
    public static class Shanghai implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.time-zone", "Asia/Shanghai");
        }
    }

    @Override
    ZoneId zone() {
        return ZoneId.of("Asia/Shanghai");
    }

    @Override
    boolean postIn2017() {
        return true;
    }
}
