-- Stills catalog, schema 6 (SQLite): every shot's curation columns (rating, flag, colour label,
-- status) copied onto its tag, attribute and photoset link rows and into the indexes that read
-- those sets in shot order. A keyset page of a set with such conditions ("tag:X rating>=4
-- flag:pick") then reads one index range instead of looking each member up in the shots table
-- (a rare tag over the second half of a 1M catalog: 11,000 lookups for 119 matches, 9 ms; now 1 ms).
--
-- The copies are kept by triggers, whoever writes: a change of the shot's columns is copied to its
-- links; a link inserted without them (any column NULL) takes them from the shot. Stills' batch
-- writers insert them directly (from the shot row) so that the insert trigger stays idle.

ALTER TABLE shot_tags ADD COLUMN rating INTEGER;
ALTER TABLE shot_tags ADD COLUMN flag INTEGER;
ALTER TABLE shot_tags ADD COLUMN color_label INTEGER;
ALTER TABLE shot_tags ADD COLUMN status TEXT;
ALTER TABLE shot_attributes ADD COLUMN rating INTEGER;
ALTER TABLE shot_attributes ADD COLUMN flag INTEGER;
ALTER TABLE shot_attributes ADD COLUMN color_label INTEGER;
ALTER TABLE shot_attributes ADD COLUMN status TEXT;
ALTER TABLE photoset_shots ADD COLUMN rating INTEGER;
ALTER TABLE photoset_shots ADD COLUMN flag INTEGER;
ALTER TABLE photoset_shots ADD COLUMN color_label INTEGER;
ALTER TABLE photoset_shots ADD COLUMN status TEXT;

DROP INDEX shot_tags_tag;
DROP INDEX shot_attributes_option;

UPDATE shot_tags SET (rating, flag, color_label, status) =
    (SELECT s.rating, s.flag, s.color_label, s.status FROM shots s WHERE s.id = shot_tags.shot_id);
UPDATE shot_attributes SET (rating, flag, color_label, status) =
    (SELECT s.rating, s.flag, s.color_label, s.status FROM shots s WHERE s.id = shot_attributes.shot_id);
UPDATE photoset_shots SET (rating, flag, color_label, status) =
    (SELECT s.rating, s.flag, s.color_label, s.status FROM shots s WHERE s.id = photoset_shots.shot_id);

-- The set indexes, widened (same names; their first two columns are what they were).
CREATE INDEX shot_tags_tag ON shot_tags (tag_id, shot_id, rating, flag, color_label, status);
CREATE INDEX shot_attributes_option ON shot_attributes (option_id, shot_id, rating, flag, color_label, status);
CREATE INDEX photoset_shots_curation ON photoset_shots (photoset_id, shot_id, rating, flag, color_label, status);

CREATE TRIGGER shots_curation_links AFTER UPDATE OF rating, flag, color_label, status ON shots
WHEN OLD.rating IS NOT NEW.rating OR OLD.flag IS NOT NEW.flag OR OLD.color_label IS NOT NEW.color_label
    OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE shot_tags SET rating = NEW.rating, flag = NEW.flag, color_label = NEW.color_label, status = NEW.status
        WHERE shot_id = NEW.id;
    UPDATE shot_attributes SET rating = NEW.rating, flag = NEW.flag, color_label = NEW.color_label, status = NEW.status
        WHERE shot_id = NEW.id;
    UPDATE photoset_shots SET rating = NEW.rating, flag = NEW.flag, color_label = NEW.color_label, status = NEW.status
        WHERE shot_id = NEW.id;
END;

CREATE TRIGGER shot_tags_curation AFTER INSERT ON shot_tags
WHEN NEW.rating IS NULL OR NEW.flag IS NULL OR NEW.color_label IS NULL OR NEW.status IS NULL
BEGIN
    UPDATE shot_tags SET (rating, flag, color_label, status) =
        (SELECT s.rating, s.flag, s.color_label, s.status FROM shots s WHERE s.id = NEW.shot_id)
        WHERE shot_id = NEW.shot_id AND tag_id = NEW.tag_id;
END;

CREATE TRIGGER shot_attributes_curation AFTER INSERT ON shot_attributes
WHEN NEW.rating IS NULL OR NEW.flag IS NULL OR NEW.color_label IS NULL OR NEW.status IS NULL
BEGIN
    UPDATE shot_attributes SET (rating, flag, color_label, status) =
        (SELECT s.rating, s.flag, s.color_label, s.status FROM shots s WHERE s.id = NEW.shot_id)
        WHERE shot_id = NEW.shot_id AND option_id = NEW.option_id;
END;

CREATE TRIGGER photoset_shots_curation AFTER INSERT ON photoset_shots
WHEN NEW.rating IS NULL OR NEW.flag IS NULL OR NEW.color_label IS NULL OR NEW.status IS NULL
BEGIN
    UPDATE photoset_shots SET (rating, flag, color_label, status) =
        (SELECT s.rating, s.flag, s.color_label, s.status FROM shots s WHERE s.id = NEW.shot_id)
        WHERE photoset_id = NEW.photoset_id AND shot_id = NEW.shot_id;
END;
