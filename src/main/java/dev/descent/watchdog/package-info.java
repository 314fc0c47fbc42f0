/**
 * The watchdog (docs/alerts.md): detects diverged, plateaued and stalled runs as their points arrive, records each
 * incident once, and sends it where the team looks: badges and live notifications in the app, a per-user alert
 * list, and signed webhooks. {@link dev.descent.watchdog.Alerts} and {@link dev.descent.watchdog.Webhooks} are its
 * public API; the detectors are plain Java, O(1) per point.
 */
@NullMarked
package dev.descent.watchdog;

import org.jspecify.annotations.NullMarked;
