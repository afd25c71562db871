package org.dealerpanel.watch.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.security.Role;
import org.dealerpanel.watch.service.NotificationService;

/**
 * Where the signed-in user's digests go: {@code email}, {@code webhookUrl} (http or https) with {@code webhookSecret}
 * (16-200 characters; never shown back, only {@code webhookSecretSet}), {@code language} (en or zh-CN) of the mail.
 * PATCH changes the fields it names; null clears one (clearing the URL clears the secret).
 */
@Path("/api/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private static final Set<String> FIELDS = Set.of("email", "webhookUrl", "webhookSecret", "language");

    @Inject
    NotificationService notifications;
    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed(Role.VIEWER)
    public NotificationService.SettingsView get() {
        return notifications.get(identity.getPrincipal().getName());
    }

    @PATCH
    @RolesAllowed(Role.VIEWER)
    public NotificationService.SettingsView patch(@NotNull ObjectNode body) {
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ApiException.badField(name, "unknown field; patchable: email, webhookUrl, webhookSecret, language");
            }
        });
        return notifications.update(identity.getPrincipal().getName(), new NotificationService.Change(
                body.has("email"), text(body, "email"), body.has("webhookUrl"), text(body, "webhookUrl"),
                body.has("webhookSecret"), text(body, "webhookSecret"), body.has("language"), text(body, "language")));
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badField(field, "must be a string or null");
        }
        return node.asText();
    }
}
