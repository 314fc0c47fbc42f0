-- Runs and their points. Written to run unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

CREATE SEQUENCE run_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE run (
    id                  BIGINT PRIMARY KEY,
    project             VARCHAR(200)  NOT NULL,
    name                VARCHAR(250)  NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    params_json         VARCHAR(100000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Denormalised so the runs list never scans points.
    point_count         BIGINT        NOT NULL,
    last_loss_iteration BIGINT,
    last_loss           DOUBLE PRECISION,
    version             BIGINT        NOT NULL,
    CONSTRAINT run_status_known CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
    CONSTRAINT run_name_unique_in_project UNIQUE (project, name)
);

CREATE TABLE run_tag (
    run_id BIGINT       NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    tag    VARCHAR(100) NOT NULL,
    PRIMARY KEY (run_id, tag)
);

-- One row per (run, series, iteration): the natural key is also the index that reads one series
-- of one run in iteration order, and it lets a re-sent point replace the old one.
CREATE TABLE point (
    run_id      BIGINT           NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    series      VARCHAR(250)     NOT NULL,
    iteration   BIGINT           NOT NULL,
    epoch       DOUBLE PRECISION,
    point_value DOUBLE PRECISION NOT NULL,
    recorded_at BIGINT           NOT NULL,
    PRIMARY KEY (run_id, series, iteration)
);
