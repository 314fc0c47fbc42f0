package dev.descent.run;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

@Entity
@Table(name = "run")
class RunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "run_seq")
    // One id per run (V5): a pooled block skipped its unused ids at every restart, and users read gaps as lost runs.
    @SequenceGenerator(name = "run_seq", sequenceName = "run_seq", allocationSize = 1)
    private @Nullable Long id;

    private String project;
    private String name;

    @Enumerated(EnumType.STRING)
    private RunStatus status;

    @Column(name = "params_json")
    private String paramsJson;

    // Lazy: appending points locks the run row many times a second and never needs its tags.
    @ElementCollection(fetch = FetchType.LAZY)
    @org.hibernate.annotations.BatchSize(size = 100)
    @CollectionTable(name = "run_tag", joinColumns = @JoinColumn(name = "run_id"))
    @Column(name = "tag")
    private Set<String> tags = new LinkedHashSet<>();

    private Instant createdAt;
    private Instant updatedAt;
    private long pointCount;
    private @Nullable Long lastLossIteration;
    private @Nullable Double lastLoss;
    private @Nullable Double firstLoss;
    private @Nullable Long firstLossIteration;
    private @Nullable Double minLoss;
    private @Nullable Long minLossIteration;
    private @Nullable String notes;
    /** Set by the watchdog when a RUNNING run received nothing for a while; cleared by the next point. */
    private @Nullable Instant stalledSince;

    @Version
    private long version;

    @SuppressWarnings("NullAway.Init")
    protected RunEntity() {
    }

    RunEntity(String project, String name, String paramsJson, Set<String> tags, Instant now) {
        if (project.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("project and name must not be blank");
        }
        this.project = project;
        this.name = name;
        this.paramsJson = paramsJson;
        this.tags = new LinkedHashSet<>(tags);
        this.status = RunStatus.RUNNING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    long id() {
        return Objects.requireNonNull(id, "run not yet saved");
    }

    String project() {
        return project;
    }

    String name() {
        return name;
    }

    RunStatus status() {
        return status;
    }

    String paramsJson() {
        return paramsJson;
    }

    Set<String> tags() {
        return tags;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long pointCount() {
        return pointCount;
    }

    @Nullable Double lastLoss() {
        return lastLoss;
    }

    @Nullable Double firstLoss() {
        return firstLoss;
    }

    @Nullable Double minLoss() {
        return minLoss;
    }

    @Nullable Long minLossIteration() {
        return minLossIteration;
    }

    @Nullable String notes() {
        return notes;
    }

    @Nullable Instant stalledSince() {
        return stalledSince;
    }

    /** Notes, tags and params as edited after the start; null leaves a field as it is, "" clears the notes. */
    void edit(@Nullable String newNotes, @Nullable Set<String> newTags, @Nullable String newParamsJson, Instant now) {
        if (newNotes != null) {
            notes = newNotes.isEmpty() ? null : newNotes;
        }
        if (newTags != null) {
            tags.clear();
            tags.addAll(newTags);
        }
        if (newParamsJson != null) {
            paramsJson = newParamsJson;
        }
        updatedAt = now;
    }

    void changeStatus(RunStatus newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
        if (newStatus != RunStatus.RUNNING) {
            this.stalledSince = null;
        }
    }

    void recordCleared(Instant now) {
        pointCount = 0;
        lastLossIteration = null;
        lastLoss = null;
        firstLoss = null;
        firstLossIteration = null;
        minLoss = null;
        minLossIteration = null;
        updatedAt = now;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return RunEntity.class.hashCode();
    }
}
