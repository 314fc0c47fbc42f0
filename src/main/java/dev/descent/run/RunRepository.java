package dev.descent.run;

import jakarta.persistence.LockModeType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface RunRepository extends JpaRepository<RunEntity, Long> {

    Optional<RunEntity> findByProjectAndName(String project, String name);

    /** Serialises concurrent batches into one run so its counters stay exact. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from RunEntity r where r.id = :id")
    Optional<RunEntity> findForUpdate(long id);

    List<RunEntity> findAllByOrderByUpdatedAtDesc();

    /** Runs of a project and/or status (null matches any), most recently updated first. */
    @Query("""
            select r from RunEntity r
            where (:project is null or r.project = :project) and (:status is null or r.status = :status)
            order by r.updatedAt desc""")
    List<RunEntity> findMatching(@Nullable String project, @Nullable RunStatus status);

    boolean existsByProject(String project);

    List<RunEntity> findByProject(String project);
}
