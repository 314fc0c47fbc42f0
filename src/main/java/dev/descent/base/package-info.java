/** Building blocks shared by every feature: the app layout, live-update throttling, formatting. */
@NullMarked
package dev.descent.base;

import org.jspecify.annotations.NullMarked;
