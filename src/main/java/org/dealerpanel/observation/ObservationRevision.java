package org.dealerpanel.observation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** An earlier value of an observation, kept when the value was changed. */
@Entity
@Table(name = "observation_revision")
public class ObservationRevision extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public Long accountId;

    public LocalDate day;

    public int posts;

    public int images;

    public String source;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    @Column(name = "superseded_by")
    public String supersededBy;
}
