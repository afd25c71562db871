package org.dealerpanel.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** A monitored account on a platform; (platform, handle) is unique. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String platform;

    public String handle;

    @Column(name = "display_name")
    public String displayName;

    public String notes;

    @Column(name = "first_seen")
    public LocalDate firstSeen;

    @Enumerated(EnumType.STRING)
    @Column(name = "platform_state")
    public PlatformState platformState = PlatformState.LIVE;

    @Column(name = "platform_state_since")
    public LocalDate platformStateSince;

    @Column(name = "dealer_id")
    public Long dealerId;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Account> findByKey(String platform, String handle) {
        return find("platform = ?1 and handle = ?2", platform, handle).firstResultOptional();
    }
}
