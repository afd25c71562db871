package org.dealerpanel.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where a user's digests go (migration V14). The webhook secret signs each delivery and is never shown. */
@Entity
@Table(name = "notification_settings")
public class NotificationSettings extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public Long userId;

    public String email;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "webhook_secret")
    public String webhookSecret;

    /** {@code en} or {@code zh-CN}; null: the service's default language. */
    public String language;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
