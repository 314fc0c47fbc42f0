package dev.descent.security;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

    Optional<ApiTokenEntity> findByTokenHash(String tokenHash);

    long countByRevokedAtIsNull();

    java.util.List<ApiTokenEntity> findAllByOrderByCreatedAtDesc();
}
