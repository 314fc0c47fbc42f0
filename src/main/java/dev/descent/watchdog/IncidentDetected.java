package dev.descent.watchdog;

/** Published inside the transaction that recorded a new incident; after-commit listeners deliver it. */
public record IncidentDetected(Incident incident) {
}
