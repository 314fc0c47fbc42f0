-- People who sign in, and what admins did to data.

CREATE SEQUENCE app_user_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE app_user (
    id              BIGINT PRIMARY KEY,
    username        VARCHAR(100) NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_logins   INTEGER      NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    version         BIGINT       NOT NULL,
    CONSTRAINT app_user_role_known CHECK (role IN ('VIEWER', 'ADMIN')),
    CONSTRAINT app_user_username_unique UNIQUE (username)
);

CREATE SEQUENCE audit_event_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE audit_event (
    id          BIGINT PRIMARY KEY,
    happened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(120) NOT NULL,
    action      VARCHAR(40)  NOT NULL,
    target      VARCHAR(500) NOT NULL,
    points      BIGINT
);

CREATE INDEX audit_event_by_time ON audit_event (happened_at DESC);
