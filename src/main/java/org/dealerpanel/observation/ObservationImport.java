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
 * One CSV import as it runs and as it ended: written outside the import's own transaction (its start, a heartbeat with
 * the rows and bytes read so far, its end), so every request and every instance can follow it.
 */
@Entity
@Table(name = "observation_import")
public class ObservationImport extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "file_name")
    public String fileName;

    public String source;

    @Column(name = "content_length")
    public Long contentLength;

    public String instance;

    public String phase;

    @Column(name = "rows_read")
    public long rowsRead;

    @Column(name = "bytes_read")
    public long bytesRead;

    @Column(name = "bad_lines")
    public long badLines;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String outcome;

    public Integer status;

    public String detail;

    @Column(name = "row_count")
    public Long rowCount;

    public Long inserted;

    public Long updated;

    public Long unchanged;

    public String sha256;

    @Column(name = "batch_id")
    public Integer batchId;
}
