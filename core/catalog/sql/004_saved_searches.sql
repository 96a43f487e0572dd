-- Stills catalog, schema 4: saved searches, shown as smart photosets. The query is the search
-- field's text (QueryParser syntax, facet choices written as key:value); it is re-evaluated every
-- time, so a saved search follows the catalog.
CREATE TABLE saved_searches (
    id {{id}},
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX saved_searches_name ON saved_searches (name);
