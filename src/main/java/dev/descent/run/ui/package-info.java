/** The Runs list: every run with its status and latest loss, updated live. */
@NullMarked
package dev.descent.run.ui;

import org.jspecify.annotations.NullMarked;
