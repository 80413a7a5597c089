-- Notes at scale. A note's thumbnail moves out of its row into NoteThumbnail, as
-- bytes stored once by their sha256, so a room's threads no longer carry base64
-- text; each thread keeps what the timeline needs of its recipe (pinned), which
-- the server fills in for threads written before this; and when it last changed
-- (updatedAt), so a studio that has the room's notes asks only for what changed,
-- deletions included (DeletedThread).
CREATE TABLE "NoteThumbnail" (
    "hash" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoteThumbnail_pkey" PRIMARY KEY ("hash")
);

ALTER TABLE "CommentThread" ADD COLUMN "pinned" JSONB;
ALTER TABLE "CommentThread" ADD COLUMN "thumbnailHash" TEXT;
ALTER TABLE "CommentThread" ADD COLUMN "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Only text that is base64 after the JPEG data-URL prefix is moved; anything else
-- (the old check was only on the prefix) leaves its note without a thumbnail
-- rather than stopping the migration.
CREATE TEMPORARY TABLE "MovedThumbnail" AS
    SELECT "id", decode(substr("thumbnail", 24), 'base64') AS "bytes"
    FROM "CommentThread"
    WHERE "thumbnail" LIKE 'data:image/jpeg;base64,%'
      AND length("thumbnail") > 23
      AND (length("thumbnail") - 23) % 4 = 0
      AND substr("thumbnail", 24) ~ '^[A-Za-z0-9+/]+={0,2}$';

INSERT INTO "NoteThumbnail" ("hash", "bytes")
    SELECT DISTINCT ON (encode(sha256("bytes"), 'hex')) encode(sha256("bytes"), 'hex'), "bytes" FROM "MovedThumbnail"
    ON CONFLICT DO NOTHING;

UPDATE "CommentThread" t SET "thumbnailHash" = encode(sha256(m."bytes"), 'hex')
    FROM "MovedThumbnail" m WHERE m."id" = t."id";

DROP TABLE "MovedThumbnail";
ALTER TABLE "CommentThread" DROP COLUMN "thumbnail";

CREATE INDEX "CommentThread_thumbnailHash_idx" ON "CommentThread"("thumbnailHash");

-- A deleted note leaves its id and when, so a studio that asks what changed since
-- learns it is gone.
CREATE TABLE "DeletedThread" (
    "id" UUID NOT NULL,
    "roomId" UUID NOT NULL,
    "deletedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedThread_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DeletedThread_roomId_deletedAt_idx" ON "DeletedThread"("roomId", "deletedAt");

ALTER TABLE "DeletedThread" ADD CONSTRAINT "DeletedThread_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
