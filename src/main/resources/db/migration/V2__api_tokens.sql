-- API tokens for training jobs and scripts. Only a SHA-256 hash of each token is stored.

CREATE SEQUENCE api_token_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE api_token (
    id           BIGINT PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    scope        VARCHAR(16)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_scope_known CHECK (scope IN ('INGEST', 'ADMIN')),
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash)
);
