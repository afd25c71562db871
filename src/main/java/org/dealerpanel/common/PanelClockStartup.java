package org.dealerpanel.common;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Sets {@link PanelClock}'s zone from {@code tracker.time-zone} before anything else starts. */
@ApplicationScoped
public class PanelClockStartup {
    private static final Logger LOG = Logger.getLogger(PanelClockStartup.class);

    @ConfigProperty(name = "tracker.time-zone", defaultValue = "UTC")
    String timeZone;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        PanelClock.use(PanelClock.parse(timeZone));
        LOG.infof("Panel time zone %s (today is %s there)", PanelClock.zone().getId(), PanelClock.today());
    }
}
