/**
 * Runs and their series of points: the one place that stores, reads and announces training data.
 * Everything else (ingest API, demo simulator, views) goes through {@link dev.descent.run.RunService}
 * and listens to {@link dev.descent.run.RunEvents}.
 */
@NullMarked
package dev.descent.run;

import org.jspecify.annotations.NullMarked;
