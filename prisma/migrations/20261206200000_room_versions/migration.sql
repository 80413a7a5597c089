-- Version history: kept states of a room's document, each the whole Yjs state, gzipped.
CREATE TABLE "RoomVersion" (
    "id" UUID NOT NULL,
    "roomId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedById" UUID,
    "savedByName" TEXT,
    "contributors" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "state" BYTEA NOT NULL,
    "bytes" INTEGER NOT NULL,

    CONSTRAINT "RoomVersion_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RoomVersion_roomId_createdAt_idx" ON "RoomVersion"("roomId", "createdAt");

ALTER TABLE "RoomVersion" ADD CONSTRAINT "RoomVersion_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
