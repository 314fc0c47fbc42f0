-- The first and the lowest finite loss of each run, kept with every append (issue 16: the runs table sorts and
-- filters by them without reading any series). Existing runs are filled in once at start (LossExtremesBackfill).
ALTER TABLE run ADD COLUMN first_loss DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN first_loss_iteration BIGINT;
ALTER TABLE run ADD COLUMN min_loss DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN min_loss_iteration BIGINT;
