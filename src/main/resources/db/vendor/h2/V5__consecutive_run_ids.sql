-- Run ids stay consecutive across restarts (issue 12): the pooled sequence (50 ids reserved per start, the
-- rest skipped at shutdown) gave runs 29, 52, 1652. One id per run, no cache, continuing after the last run.
ALTER SEQUENCE run_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 1 FROM run);
ALTER SEQUENCE run_seq INCREMENT BY 1 CACHE 1;
