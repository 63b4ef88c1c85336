-- Gatehouse store, version 1: servers, groups, group members, catalog snapshots.
-- Conventions every later table follows (agents, API keys):
--   ids are text assigned by the gateway; names are unique [a-z0-9-]+;
--   lists and maps are JSON text (kept byte for byte, so not jsonb);
--   times are milliseconds since the epoch (UTC).

CREATE TABLE servers (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    transport   TEXT    NOT NULL,                -- stdio | http | sse | auto
    url         TEXT,                            -- http, sse, auto
    command     TEXT,                            -- stdio
    args        TEXT    NOT NULL DEFAULT '[]',   -- stdio: JSON array of strings
    env         TEXT    NOT NULL DEFAULT '{}',   -- stdio: JSON object, ${env:X} references as written
    cwd         TEXT,                            -- stdio
    headers     TEXT    NOT NULL DEFAULT '{}',   -- JSON object, ${env:X} references as written
    prefix      TEXT,                            -- NULL: the name; '': no prefix
    timeout_ms  BIGINT,                          -- NULL: the gateway's default
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    allow_list  TEXT    NOT NULL DEFAULT '[]',   -- JSON array of globs
    deny_list   TEXT    NOT NULL DEFAULT '[]',   -- JSON array of globs
    description TEXT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- "groups" is a keyword in SQLite and PostgreSQL.
CREATE TABLE server_groups (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    description TEXT,
    allow_list  TEXT    NOT NULL DEFAULT '[]',
    deny_list   TEXT    NOT NULL DEFAULT '[]',
    mode        TEXT,                            -- NULL: the gateway's default
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- Members are server names, not ids: servers from the config file can be members too.
CREATE TABLE group_members (
    group_id    TEXT    NOT NULL REFERENCES server_groups (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    server_name TEXT    NOT NULL,
    PRIMARY KEY (group_id, server_name),
    UNIQUE (group_id, position)
);
CREATE INDEX group_members_by_server ON group_members (server_name);

-- The last catalog each upstream listed (JSON text), served at startup before it reconnects.
CREATE TABLE catalog_snapshots (
    server_name TEXT    NOT NULL PRIMARY KEY,
    catalog     TEXT    NOT NULL,
    taken_at    BIGINT  NOT NULL
);
