package dev.descent.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.function.Supplier;

/** This node: its id among the nodes sharing the database, and whether there can be others (PostgreSQL). */
@Component
class ClusterNode {

    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    private final String id = UUID.randomUUID().toString();
    private final boolean clustered;

    ClusterNode(@Value("${spring.datasource.url:}") String url) {
        // H2 is embedded: one process, one node. Every PostgreSQL database may have several.
        this.clustered = url.startsWith("jdbc:postgresql:");
    }

    String id() {
        return id;
    }

    boolean clustered() {
        return clustered;
    }

    /** True while this thread replays another node's change, which must not be announced again. */
    static boolean replaying() {
        return REPLAYING.get();
    }

    static <T> T replay(Supplier<T> change) {
        REPLAYING.set(true);
        try {
            return change.get();
        } finally {
            REPLAYING.set(false);
        }
    }
}
