-- Requests per client address per minute (issue 15): a server's limit, counted here so that every
-- server process in front of one database shares the count. The address is kept only as a
-- SHA-256 digest, and only for the minute it counts (older minutes are deleted by the server).
CREATE TABLE request_counts (
    client BLOB    NOT NULL,
    minute INTEGER NOT NULL,
    hits   INTEGER NOT NULL,
    PRIMARY KEY (client, minute)
);
