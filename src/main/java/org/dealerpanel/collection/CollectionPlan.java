package org.dealerpanel.collection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's own collection plan: a cadence that overrides its cohorts' and an assignee (both optional). */
@Entity
@Table(name = "collection_plan")
public class CollectionPlan extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public Long accountId;

    /** Every this many days; null: the cohorts' cadence, else every day. */
    @Column(name = "cadence_days")
    public Integer cadenceDays;

    /** The app_user who revisits the account; null: unassigned. */
    @Column(name = "assignee_id")
    public Long assigneeId;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
