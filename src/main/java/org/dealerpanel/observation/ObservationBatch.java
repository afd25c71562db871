package org.dealerpanel.observation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One write of observations (a CSV import, a PUT, the demo loader): who recorded the values, when and from which
 * source. Rows point to their batch, so provenance is stored once per write, not once per row.
 */
@Entity
@Table(name = "observation_batch")
public class ObservationBatch extends PanacheEntityBase {
    /** Rows written by SQL outside the service (tests, benchmarks) belong to this batch. */
    public static final int SQL = 0;

    public enum Kind { IMPORT, PUT, DEMO, SQL, MIGRATED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    public String source;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "import_id")
    public Long importId;

    @Column(name = "file_name")
    public String fileName;

    public String sha256;

    @Column(name = "row_count")
    public Long rowCount;

    public static ObservationBatch of(Kind kind, String source, String recordedBy, Instant recordedAt) {
        ObservationBatch batch = new ObservationBatch();
        batch.kind = kind;
        batch.source = source;
        batch.recordedBy = recordedBy;
        batch.recordedAt = recordedAt;
        return batch;
    }
}
