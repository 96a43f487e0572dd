-- Stills catalog, schema 3 (PostgreSQL): batched search-index refresh, derived attribute values.
--
-- search_batch: while the writing transaction holds a row in it, the per-row search triggers on
-- shots, shot_tags and photoset_shots do nothing, and the writer refreshes the documents of the
-- shots it touched with one statement before it commits (SearchIndex::deferRefresh). The row is
-- never committed, so other sessions never see it and their triggers run as usual (no key: two
-- sessions batching at once do not wait for each other).
--
-- shot_attributes.derived: 1 for a value Stills set from the pixels (aspect ratio, orientation),
-- 0 for one a person chose. Derived values are replaced when the pixels change; chosen ones never.

CREATE TABLE search_batch (owner INTEGER NOT NULL);

ALTER TABLE shot_attributes ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION stills_search_on_shot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM search_batch) THEN
        RETURN NULL;
    END IF;
    PERFORM stills_search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;

-- Also used by the caption triggers, which are not deferred: captions change one at a time.
CREATE OR REPLACE FUNCTION stills_search_on_shot_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME <> 'captions' AND EXISTS (SELECT 1 FROM search_batch) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM stills_search_refresh(ARRAY[OLD.shot_id]);
    ELSE
        PERFORM stills_search_refresh(ARRAY[NEW.shot_id]);
    END IF;
    RETURN NULL;
END;
$$;
