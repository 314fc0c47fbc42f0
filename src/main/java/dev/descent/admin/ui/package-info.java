/** Administration: users, tokens, clearing histories (the team-portal issue fills this in). */
@NullMarked
package dev.descent.admin.ui;

import org.jspecify.annotations.NullMarked;
