package org.dealerpanel.referral;

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
import java.time.LocalDate;

/**
 * A case referral: accounts handed to an agency or a platform. Frozen from SUBMITTED on (the database refuses
 * changes to what was referred, migrations/V8); its evidence bundle is stored apart, read-only, with its SHA-256 here.
 */
@Entity
@Table(name = "referral")
public class Referral extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    public String agency;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind")
    public RecipientKind recipientKind = RecipientKind.AGENCY;

    public String summary;

    /** The TLP 2.0 label as written: CLEAR, GREEN, AMBER, AMBER+STRICT, RED. */
    public String tlp;

    /** en or zh-CN: the language of the PDF summary. */
    public String language = "en";

    @Column(name = "dealer_id")
    public Long dealerId;

    @Enumerated(EnumType.STRING)
    public ReferralState state = ReferralState.DRAFT;

    @Column(name = "referred_on")
    public LocalDate referredOn;

    public String outcome;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "bundle_sha256")
    public String bundleSha256;

    @Column(name = "bundle_size")
    public Long bundleSize;

    @Column(name = "manifest_sha256")
    public String manifestSha256;

    @Column(name = "lexicon_version")
    public String lexiconVersion;
}
