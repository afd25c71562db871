package org.dealerpanel.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;

/** An account's membership of a cohort, with the day it joined. */
@Entity
@Table(name = "cohort_member")
@IdClass(CohortMember.Key.class)
public class CohortMember extends PanacheEntityBase {
    public static class Key implements Serializable {
        public Long cohortId;
        public Long accountId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(cohortId, key.cohortId)
                    && java.util.Objects.equals(accountId, key.accountId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(cohortId, accountId);
        }
    }

    @Id
    @Column(name = "cohort_id")
    public Long cohortId;

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "joined_on")
    public LocalDate joinedOn;
}
