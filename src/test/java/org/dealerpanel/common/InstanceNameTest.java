package org.dealerpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceNameTest {

    @Test
    void theInstanceIsHostAndPidAndEachWorkerPoolGetsItsOwnNodeName() {
        String instance = InstanceName.get();
        assertTrue(instance.endsWith("/" + ProcessHandle.current().pid()), instance);
        assertEquals(instance, InstanceName.get(), "looked up once");
        String one = InstanceName.node();
        String two = InstanceName.node();
        assertTrue(one.startsWith(instance + "/"), one);
        assertNotEquals(one, two);
    }
}
