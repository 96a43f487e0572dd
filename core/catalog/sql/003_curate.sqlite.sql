-- Stills catalog, schema 3 (SQLite): batched search-index refresh, derived attribute values.
--
-- search_batch: while the writing transaction holds a row in it, the per-row search triggers on
-- shots, shot_tags and photoset_shots do nothing, and the writer refreshes the documents of the
-- shots it touched with one statement before it commits (SearchIndex::deferRefresh). The row is
-- never committed: SQLite has one writer at a time, so no other connection ever sees it.
--
-- shot_attributes.derived: 1 for a value Stills set from the pixels (aspect ratio, orientation),
-- 0 for one a person chose. Derived values are replaced when the pixels change; chosen ones never.

CREATE TABLE search_batch (owner INTEGER NOT NULL);

ALTER TABLE shot_attributes ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER shot_fts_shot_insert;
DROP TRIGGER shot_fts_shot_update;
DROP TRIGGER shot_fts_tagging_insert;
DROP TRIGGER shot_fts_tagging_delete;
DROP TRIGGER shot_fts_membership_insert;
DROP TRIGGER shot_fts_membership_delete;

CREATE TRIGGER shot_fts_shot_insert AFTER INSERT ON shots
WHEN NOT EXISTS (SELECT 1 FROM search_batch)
BEGIN
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.id;
END;

CREATE TRIGGER shot_fts_shot_update AFTER UPDATE OF title, description, path ON shots
WHEN NOT EXISTS (SELECT 1 FROM search_batch)
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.id;
END;

CREATE TRIGGER shot_fts_tagging_insert AFTER INSERT ON shot_tags
WHEN NOT EXISTS (SELECT 1 FROM search_batch)
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.shot_id;
END;

CREATE TRIGGER shot_fts_tagging_delete AFTER DELETE ON shot_tags
WHEN NOT EXISTS (SELECT 1 FROM search_batch)
BEGIN
    DELETE FROM shot_fts WHERE rowid = OLD.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = OLD.shot_id;
END;

CREATE TRIGGER shot_fts_membership_insert AFTER INSERT ON photoset_shots
WHEN NOT EXISTS (SELECT 1 FROM search_batch)
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.shot_id;
END;

CREATE TRIGGER shot_fts_membership_delete AFTER DELETE ON photoset_shots
WHEN NOT EXISTS (SELECT 1 FROM search_batch)
BEGIN
    DELETE FROM shot_fts WHERE rowid = OLD.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = OLD.shot_id;
END;
