-- Series stored as chunks of up to 1,024 consecutive points, compactly encoded (DD008): one row per chunk
-- instead of one per point. V8 moves the points of the V4 table here and drops it.

CREATE TABLE series_chunk (
    run_id          BIGINT       NOT NULL,
    series          VARCHAR(250) NOT NULL,
    first_iteration BIGINT       NOT NULL,
    last_iteration  BIGINT       NOT NULL,
    point_count     INTEGER      NOT NULL,
    data            BYTEA        NOT NULL,
    PRIMARY KEY (run_id, series, first_iteration)
);
