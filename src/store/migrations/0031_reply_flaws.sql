-- Issue 14, the reply quality check (text/reply_check.h): what a released reply lacks, as the check found it when
-- the reply was released: flaw names separated by commas (too_short, template_only, no_own_words, no_specifics);
-- '' when it lacks nothing, or was written before the check (or by a bulk load, which does not check).
ALTER TABLE replies ADD COLUMN flaws TEXT NOT NULL DEFAULT '';
