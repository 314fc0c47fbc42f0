-- Chunks are already compressed (DD008): TOAST's own compression would only cost time for nothing.
ALTER TABLE series_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
