package org.dealerpanel.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row of the append-only, hash-chained audit trail (the database refuses UPDATE and DELETE and keeps the chain). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(insertable = false, updatable = false)
    public Instant at;

    @Column(updatable = false)
    public String actor;

    @Column(updatable = false)
    public String action;

    @Column(name = "entity_type", updatable = false)
    public String entityType;

    @Column(name = "entity_id", updatable = false)
    public String entityId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Object> detail;

    /** Hash of the entry before this one; set by the database's chain trigger (V9), never by the service. */
    @Column(name = "prev_hash", insertable = false, updatable = false)
    public String prevHash;

    /** SHA-256 over prevHash and this entry's canonical content; set by the database's chain trigger (V9). */
    @Column(insertable = false, updatable = false)
    public String hash;
}
