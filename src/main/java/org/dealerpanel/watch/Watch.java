package org.dealerpanel.watch;

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

/** One thing a user watches (migration V14); (user, kind, target) is unique. */
@Entity
@Table(name = "watch")
public class Watch extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public Long userId;

    @Enumerated(EnumType.STRING)
    public WatchKind kind;

    @Column(name = "target_id")
    public Long targetId;

    /** TERM: the highest term_match id already taken into account. */
    @Column(name = "match_cursor")
    public Long matchCursor;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
