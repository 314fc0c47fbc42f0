/** The Runs list: every run with its status and latest loss, updated live. */
@NullMarked
package dev.descent.runs.ui;

import org.jspecify.annotations.NullMarked;
