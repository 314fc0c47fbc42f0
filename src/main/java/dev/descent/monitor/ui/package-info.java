/** The page of one run: its live loss chart (the training-monitor issue adds cards and controls). */
@NullMarked
package dev.descent.monitor.ui;

import org.jspecify.annotations.NullMarked;
