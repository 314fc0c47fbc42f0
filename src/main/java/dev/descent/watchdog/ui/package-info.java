/** The alerts page: a signed-in user's recent alerts and which events they list. */
@NullMarked
package dev.descent.watchdog.ui;

import org.jspecify.annotations.NullMarked;
