/**
 * The REST API (/api/v1) that training jobs write to and tools read from: validation with messages that
 * name the field and the rule, atomic and idempotent batches, CSV export.
 */
@NullMarked
package dev.descent.ingest;

import org.jspecify.annotations.NullMarked;
