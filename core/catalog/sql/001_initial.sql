-- Stills catalog, schema 1. One text for both dialects: {{id}} is the auto-increment primary key,
-- {{real}} a double, {{blob}} bytes; the migration runner substitutes them per dialect.
-- Times are milliseconds since the epoch (UTC) in BIGINT columns; dates are ISO 'YYYY-MM-DD' text.
-- Statements end with ';' at the end of a line.

CREATE TABLE catalog_info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE photosets (
    id {{id}},
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'manual',
    source_path TEXT,
    title TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL DEFAULT 0,
    date TEXT,
    source_url TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    people TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}',
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX photosets_name ON photosets (name);
CREATE UNIQUE INDEX photosets_source ON photosets (source_path);

CREATE TABLE shots (
    id {{id}},
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    byte_size BIGINT NOT NULL DEFAULT 0,
    modified_ms BIGINT NOT NULL DEFAULT 0,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    format TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'ok',
    error TEXT NOT NULL DEFAULT '',
    orientation INTEGER NOT NULL DEFAULT 1,
    taken_at TEXT,
    camera_make TEXT NOT NULL DEFAULT '',
    camera_model TEXT NOT NULL DEFAULT '',
    lens TEXT NOT NULL DEFAULT '',
    focal_length {{real}},
    aperture {{real}},
    exposure_time {{real}},
    iso INTEGER,
    gps_latitude {{real}},
    gps_longitude {{real}},
    gps_altitude {{real}},
    title TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    flag INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN -1 AND 1),
    color_label INTEGER NOT NULL DEFAULT 0 CHECK (color_label BETWEEN 0 AND 5),
    imported_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX shots_path ON shots (path);
CREATE INDEX shots_hash ON shots (content_hash);
CREATE INDEX shots_status ON shots (status);

-- Ordered many-to-many membership. Positions are sparse (steps of 1024) so a move rarely renumbers.
CREATE TABLE photoset_shots (
    photoset_id BIGINT NOT NULL REFERENCES photosets (id) ON DELETE CASCADE,
    shot_id BIGINT NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    added_ms BIGINT NOT NULL,
    PRIMARY KEY (photoset_id, shot_id)
);
CREATE INDEX photoset_shots_order ON photoset_shots (photoset_id, position);
CREATE INDEX photoset_shots_shot ON photoset_shots (shot_id);

-- Hierarchical tags; the slug is unique among siblings (roots have parent_id NULL).
CREATE TABLE tags (
    id {{id}},
    parent_id BIGINT REFERENCES tags (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL
);
CREATE UNIQUE INDEX tags_sibling_slug ON tags (COALESCE(parent_id, 0), slug);

CREATE TABLE shot_tags (
    shot_id BIGINT NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (shot_id, tag_id)
);
CREATE INDEX shot_tags_tag ON shot_tags (tag_id, shot_id);

CREATE TABLE photoset_tags (
    photoset_id BIGINT NOT NULL REFERENCES photosets (id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (photoset_id, tag_id)
);
CREATE INDEX photoset_tags_tag ON photoset_tags (tag_id, photoset_id);

-- The attribute vocabulary (loaded from resources/vocabulary/attributes.json) and shot values.
CREATE TABLE attributes (
    id {{id}},
    key TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    multi_valued INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE attribute_options (
    id {{id}},
    attribute_id BIGINT NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    label TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (attribute_id, value)
);

CREATE TABLE shot_attributes (
    shot_id BIGINT NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    option_id BIGINT NOT NULL REFERENCES attribute_options (id) ON DELETE CASCADE,
    PRIMARY KEY (shot_id, option_id)
);
CREATE INDEX shot_attributes_option ON shot_attributes (option_id, shot_id);

-- Captions with history: every version is kept, one per shot is current.
CREATE TABLE captions (
    id {{id}},
    shot_id BIGINT NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'manual',
    model TEXT NOT NULL DEFAULT '',
    prompt TEXT NOT NULL DEFAULT '',
    parameters TEXT NOT NULL DEFAULT '{}',
    edited_by_hand INTEGER NOT NULL DEFAULT 0,
    is_current INTEGER NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);
CREATE INDEX captions_shot ON captions (shot_id, created_ms);
CREATE UNIQUE INDEX captions_one_current ON captions (shot_id) WHERE is_current = 1;

-- Crops are parameters (normalised rectangle on the upright image), rendered on demand.
CREATE TABLE crops (
    id {{id}},
    shot_id BIGINT NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    x {{real}} NOT NULL,
    y {{real}} NOT NULL,
    w {{real}} NOT NULL,
    h {{real}} NOT NULL,
    aspect TEXT NOT NULL DEFAULT 'free',
    rotation INTEGER NOT NULL DEFAULT 0,
    straighten {{real}} NOT NULL DEFAULT 0,
    updated_ms BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (shot_id, name)
);

-- Background work, persisted so that it can be shown, cancelled and resumed after a restart.
CREATE TABLE jobs (
    id {{id}},
    kind TEXT NOT NULL,
    parameters TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'queued',
    done BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    started_ms BIGINT,
    finished_ms BIGINT,
    heartbeat_ms BIGINT
);
CREATE INDEX jobs_state ON jobs (state);

CREATE TABLE job_errors (
    id {{id}},
    job_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX job_errors_job ON job_errors (job_id);
