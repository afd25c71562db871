package org.dealerpanel.observation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * An earlier value of an observation, kept when the value was changed: the batch that had written it and the batch
 * that replaced it (whose time and user are the revision's supersededAt and supersededBy).
 */
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

    @Column(name = "batch_id")
    public int batchId;

    @Column(name = "superseded_by_batch")
    public int supersededByBatch;
}
