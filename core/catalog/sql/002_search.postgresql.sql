-- Stills catalog, schema 2 (PostgreSQL): the full-text search index.
-- One row per shot in shot_search with a tsvector ('simple' configuration: no stemming, no stop
-- words, like the SQLite FTS5 index) over the shot's searchable text: title, description, file
-- name, current caption, the words of its tags and their ancestors, the titles and names of its
-- photosets. ASCII punctuation becomes a space first so that "IMG_0042.jpg" or "silent-harbor"
-- are found by their parts, as on SQLite. Triggers on every source keep it current.

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

CREATE VIEW shot_search_source AS
SELECT s.id AS id,
       to_tsvector('simple', regexp_replace(
           s.title || ' ' || s.description || ' ' || regexp_replace(s.path, '^.*/', '')
           || ' ' || coalesce((SELECT c.text FROM captions c WHERE c.shot_id = s.id AND c.is_current = 1), '')
           || ' ' || coalesce((SELECT string_agg(w.words, ' ') FROM shot_tags st
                               JOIN tag_search_words w ON w.id = st.tag_id WHERE st.shot_id = s.id), '')
           || ' ' || coalesce((SELECT string_agg(p.title || ' ' || p.name, ' ') FROM photoset_shots ps
                               JOIN photosets p ON p.id = ps.photoset_id WHERE ps.shot_id = s.id), ''),
           '[[:punct:]]+', ' ', 'g')) AS document
FROM shots s;

CREATE TABLE shot_search (
    shot_id BIGINT PRIMARY KEY REFERENCES shots (id) ON DELETE CASCADE,
    document tsvector NOT NULL
);

INSERT INTO shot_search (shot_id, document) SELECT id, document FROM shot_search_source;

CREATE INDEX shot_search_document ON shot_search USING GIN (document);

-- Recomputes the documents of the given shots (a shot that no longer exists is skipped).
CREATE FUNCTION stills_search_refresh(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO shot_search (shot_id, document)
    SELECT id, document FROM shot_search_source WHERE id = ANY (ids)
    ON CONFLICT (shot_id) DO UPDATE SET document = EXCLUDED.document;
$$;

CREATE FUNCTION stills_search_on_shot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stills_search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;

-- For tables with a shot_id column (captions, shot_tags, photoset_shots).
CREATE FUNCTION stills_search_on_shot_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM stills_search_refresh(ARRAY[OLD.shot_id]);
    ELSE
        PERFORM stills_search_refresh(ARRAY[NEW.shot_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION stills_search_on_photoset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stills_search_refresh(ARRAY(SELECT shot_id FROM photoset_shots WHERE photoset_id = NEW.id));
    RETURN NULL;
END;
$$;

CREATE FUNCTION stills_search_on_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stills_search_refresh(ARRAY(SELECT st.shot_id FROM shot_tags st JOIN tag_search_words w ON w.id = st.tag_id
                                        WHERE NEW.id IN (w.id, w.a1, w.a2, w.a3, w.a4, w.a5)));
    RETURN NULL;
END;
$$;

CREATE TRIGGER shot_search_shot_insert AFTER INSERT ON shots FOR EACH ROW EXECUTE FUNCTION stills_search_on_shot();
CREATE TRIGGER shot_search_shot_update AFTER UPDATE OF title, description, path ON shots FOR EACH ROW EXECUTE FUNCTION stills_search_on_shot();
CREATE TRIGGER shot_search_caption AFTER INSERT OR DELETE OR UPDATE OF text, is_current ON captions FOR EACH ROW EXECUTE FUNCTION stills_search_on_shot_row();
CREATE TRIGGER shot_search_tagging AFTER INSERT OR DELETE ON shot_tags FOR EACH ROW EXECUTE FUNCTION stills_search_on_shot_row();
CREATE TRIGGER shot_search_membership AFTER INSERT OR DELETE ON photoset_shots FOR EACH ROW EXECUTE FUNCTION stills_search_on_shot_row();
CREATE TRIGGER shot_search_photoset_update AFTER UPDATE OF name, title ON photosets FOR EACH ROW EXECUTE FUNCTION stills_search_on_photoset();
CREATE TRIGGER shot_search_tag_update AFTER UPDATE OF name, parent_id ON tags FOR EACH ROW EXECUTE FUNCTION stills_search_on_tag();
