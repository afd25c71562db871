package org.dealerpanel.collection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A cohort's collection cadence, for its members without a cadence of their own. */
@Entity
@Table(name = "cohort_collection")
public class CohortCadence extends PanacheEntityBase {
    @Id
    @Column(name = "cohort_id")
    public Long cohortId;

    @Column(name = "cadence_days")
    public int cadenceDays;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
