-- Gatehouse store, version 2: agents and their API keys.
-- A key is never stored: only the SHA-256 of the whole key (hex) and its first characters, which
-- people recognise it by. Revoked keys stay listed with the time they were revoked.

CREATE TABLE agents (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,         -- [A-Za-z0-9_.-]+, such as team.role
    description TEXT,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE api_keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    agent_id    TEXT    NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    prefix      TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL UNIQUE,         -- SHA-256 of the key, 64 lowercase hex digits
    description TEXT,
    created_at  BIGINT  NOT NULL,
    revoked_at  BIGINT                           -- NULL while the key is active
);
CREATE INDEX api_keys_by_agent ON api_keys (agent_id);
