package org.dealerpanel.watch.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

/**
 * Whether digests are sent by e-mail: only when an SMTP host is configured ({@code quarkus.mailer.host}, env
 * {@code QUARKUS_MAILER_HOST}) by the operator: in application.properties, the environment or a system property. The
 * mailer's built-in default (localhost) does not count, so a service without SMTP settings starts and simply sends no
 * mail.
 */
@ApplicationScoped
public class MailSwitch {
    private static final Logger LOG = Logger.getLogger(MailSwitch.class);
    /** Config sources below this ordinal hold built-in defaults (application.properties is 250, env 300). */
    static final int CONFIGURED_ORDINAL = 100;

    private volatile Boolean enabled;

    void onStart(@Observes StartupEvent event) {
        LOG.infof("digest e-mail: %s", enabled() ? "on (SMTP " + host() + ")" : "off (no quarkus.mailer.host configured)");
    }

    public boolean enabled() {
        if (enabled == null) {
            enabled = configured(ConfigProvider.getConfig());
        }
        return enabled;
    }

    static boolean configured(Config config) {
        ConfigValue host = config.getConfigValue("quarkus.mailer.host");
        return host != null && host.getValue() != null && !host.getValue().isBlank()
                && host.getSourceOrdinal() >= CONFIGURED_ORDINAL;
    }

    private static String host() {
        ConfigValue host = ConfigProvider.getConfig().getConfigValue("quarkus.mailer.host");
        return host.getValue() + " from " + host.getSourceName();
    }
}
