package dev.descent.security;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface UserRepository extends JpaRepository<UserEntity, Long> {

    Optional<UserEntity> findByUsername(String username);

    List<UserEntity> findAllByOrderByUsername();

    /**
     * Counts a wrong password in one statement, so concurrent failures are never lost: the {@code limit}-th in a
     * row locks the account until {@code until} and starts the count again. (Every SET expression sees the row
     * as it was before this UPDATE.)
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update UserEntity u set
                u.lockedUntil = case when u.failedLogins + 1 >= :limit then :until else u.lockedUntil end,
                u.failedLogins = case when u.failedLogins + 1 >= :limit then 0 else u.failedLogins + 1 end,
                u.version = u.version + 1
            where u.username = :username""")
    int recordFailedLogin(@Param("username") String username, @Param("limit") int limit, @Param("until") Instant until);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update UserEntity u set u.failedLogins = 0, u.lockedUntil = null, u.version = u.version + 1"
            + " where u.username = :username")
    int recordSuccessfulLogin(@Param("username") String username);

    @Query("select u.lockedUntil from UserEntity u where u.username = :username")
    Optional<Instant> findLockedUntil(@Param("username") String username);
}
