/**
 * Several Descent nodes on one PostgreSQL database (issue 15, DD011): each committed change is announced with
 * {@code NOTIFY}, every node listens on a dedicated connection and replays what others did into its own caches
 * and views; and a health endpoint for load balancers. On H2 (one node) none of this runs.
 */
@NullMarked
package dev.descent.cluster;

import org.jspecify.annotations.NullMarked;
