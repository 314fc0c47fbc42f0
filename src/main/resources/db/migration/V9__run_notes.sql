-- Notes a team writes about a run after it started (issue 16): free text, at most 10,000 characters.
ALTER TABLE run ADD COLUMN notes VARCHAR(10000);
