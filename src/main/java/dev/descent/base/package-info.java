/**
 * Building blocks shared by every feature: the data directory, the live-update scheduler, CSV and visible-text
 * rules; {@code base.ui} holds the app layout and small widgets, {@code base.web} the HTTP server's defences.
 */
@NullMarked
package dev.descent.base;

import org.jspecify.annotations.NullMarked;
