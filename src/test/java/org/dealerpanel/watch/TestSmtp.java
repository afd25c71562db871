package org.dealerpanel.watch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) for the digest tests, started once per test JVM on the port the %test profile gives
 * the mailer ({@code TRACKER_TEST_SMTP_PORT}, default 3025).
 */
public final class TestSmtp {
    private static GreenMail server;

    private TestSmtp() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            String env = System.getenv("TRACKER_TEST_SMTP_PORT");
            int port = env == null || env.isBlank() ? 3025 : Integer.parseInt(env.strip());
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop()));
        }
        return server;
    }

    /** The messages received so far for one address. */
    public static List<MimeMessage> to(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : server().getReceivedMessages()) {
            try {
                Address[] recipients = m.getAllRecipients();
                if (recipients != null) {
                    for (Address a : recipients) {
                        if (a.toString().equalsIgnoreCase(address)) {
                            out.add(m);
                        }
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
