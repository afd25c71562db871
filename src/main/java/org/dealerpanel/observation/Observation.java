package org.dealerpanel.observation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Posts and images counted for one account on one day. No row means the day was not observed. Who recorded the
 * value, when and from which source is kept once per write in {@link ObservationBatch}.
 */
@Entity
@Table(name = "observation")
@IdClass(Observation.Key.class)
public class Observation extends PanacheEntityBase {
    public static class Key implements Serializable {
        public Long accountId;
        public LocalDate day;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(accountId, key.accountId) && Objects.equals(day, key.day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, day);
        }
    }

    @Id
    @Column(name = "account_id")
    public Long accountId;

    @Id
    public LocalDate day;

    public int posts;

    public int images;

    @Column(name = "batch_id")
    public int batchId;
}
