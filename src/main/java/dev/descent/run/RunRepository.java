package dev.descent.run;

import jakarta.persistence.LockModeType;
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

    boolean existsByProject(String project);

    List<RunEntity> findByProject(String project);
}
