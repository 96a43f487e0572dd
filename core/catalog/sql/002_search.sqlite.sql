-- Stills catalog, schema 2 (SQLite): the full-text search index.
-- One FTS5 row per shot (rowid = shot id) holding the shot's searchable text: title, description,
-- file name, current caption, the words of its tags and their ancestors, the titles and names of
-- its photosets. Triggers on every source keep it current, whoever writes (repositories, importer,
-- scripts). No stemming and no diacritic folding, to match PostgreSQL's 'simple' configuration.

-- A tag's words: its name and those of up to five ancestors (deeper ancestors are not indexed;
-- SQLite allows no recursive CTE inside a trigger). a1..a5 are the ancestor ids.
CREATE VIEW tag_search_words AS
SELECT t.id AS id,
       t.name || coalesce(' ' || p1.name, '') || coalesce(' ' || p2.name, '') || coalesce(' ' || p3.name, '')
           || coalesce(' ' || p4.name, '') || coalesce(' ' || p5.name, '') AS words,
       p1.id AS a1, p2.id AS a2, p3.id AS a3, p4.id AS a4, p5.id AS a5
FROM tags t
LEFT JOIN tags p1 ON p1.id = t.parent_id
LEFT JOIN tags p2 ON p2.id = p1.parent_id
LEFT JOIN tags p3 ON p3.id = p2.parent_id
LEFT JOIN tags p4 ON p4.id = p3.parent_id
LEFT JOIN tags p5 ON p5.id = p4.parent_id;

-- The searchable document of each shot. The file name is the path after its last '/'.
CREATE VIEW shot_search_source AS
SELECT s.id AS id,
       s.title || ' ' || s.description || ' ' || replace(s.path, rtrim(s.path, replace(s.path, '/', '')), '')
           || ' ' || coalesce((SELECT c.text FROM captions c WHERE c.shot_id = s.id AND c.is_current = 1), '')
           || ' ' || coalesce((SELECT group_concat(w.words, ' ') FROM shot_tags st
                               JOIN tag_search_words w ON w.id = st.tag_id WHERE st.shot_id = s.id), '')
           || ' ' || coalesce((SELECT group_concat(p.title || ' ' || p.name, ' ') FROM photoset_shots ps
                               JOIN photosets p ON p.id = ps.photoset_id WHERE ps.shot_id = s.id), '') AS doc
FROM shots s;

CREATE VIRTUAL TABLE shot_fts USING fts5(doc, tokenize = 'unicode61 remove_diacritics 0');

INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source;

CREATE TRIGGER shot_fts_shot_insert AFTER INSERT ON shots
BEGIN
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.id;
END;

CREATE TRIGGER shot_fts_shot_update AFTER UPDATE OF title, description, path ON shots
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.id;
END;

CREATE TRIGGER shot_fts_shot_delete AFTER DELETE ON shots
BEGIN
    DELETE FROM shot_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER shot_fts_caption_insert AFTER INSERT ON captions
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.shot_id;
END;

CREATE TRIGGER shot_fts_caption_update AFTER UPDATE OF text, is_current ON captions
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.shot_id;
END;

CREATE TRIGGER shot_fts_caption_delete AFTER DELETE ON captions
BEGIN
    DELETE FROM shot_fts WHERE rowid = OLD.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = OLD.shot_id;
END;

CREATE TRIGGER shot_fts_tagging_insert AFTER INSERT ON shot_tags
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.shot_id;
END;

CREATE TRIGGER shot_fts_tagging_delete AFTER DELETE ON shot_tags
BEGIN
    DELETE FROM shot_fts WHERE rowid = OLD.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = OLD.shot_id;
END;

CREATE TRIGGER shot_fts_membership_insert AFTER INSERT ON photoset_shots
BEGIN
    DELETE FROM shot_fts WHERE rowid = NEW.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = NEW.shot_id;
END;

CREATE TRIGGER shot_fts_membership_delete AFTER DELETE ON photoset_shots
BEGIN
    DELETE FROM shot_fts WHERE rowid = OLD.shot_id;
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source WHERE id = OLD.shot_id;
END;

CREATE TRIGGER shot_fts_photoset_update AFTER UPDATE OF name, title ON photosets
BEGIN
    DELETE FROM shot_fts WHERE rowid IN (SELECT shot_id FROM photoset_shots WHERE photoset_id = NEW.id);
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source
        WHERE id IN (SELECT shot_id FROM photoset_shots WHERE photoset_id = NEW.id);
END;

CREATE TRIGGER shot_fts_tag_update AFTER UPDATE OF name, parent_id ON tags
BEGIN
    DELETE FROM shot_fts WHERE rowid IN (SELECT st.shot_id FROM shot_tags st JOIN tag_search_words w ON w.id = st.tag_id
        WHERE NEW.id IN (w.id, w.a1, w.a2, w.a3, w.a4, w.a5));
    INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source
        WHERE id IN (SELECT st.shot_id FROM shot_tags st JOIN tag_search_words w ON w.id = st.tag_id
                     WHERE NEW.id IN (w.id, w.a1, w.a2, w.a3, w.a4, w.a5));
END;
