package org.dealerpanel.term;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A coded term of the lexicon (migration V3). Never deleted: deactivating keeps its history. */
@Entity
@Table(name = "term")
public class Term extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String term;

    /** TextNormalizer output for {@link #term}; what is matched. */
    public String normalised;

    public String category;

    public String language;

    @Column(name = "added_on")
    public LocalDate addedOn;

    public String source;

    public String note;

    public boolean active = true;

    @Column(name = "deactivated_on")
    public LocalDate deactivatedOn;

    @Column(name = "created_by")
    public String createdBy;
}
