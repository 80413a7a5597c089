-- CreateTable
CREATE TABLE "YjsUpdate" (
    "id" BIGSERIAL NOT NULL,
    "roomId" UUID NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "YjsUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "YjsSnapshot" (
    "roomId" UUID NOT NULL,
    "state" BYTEA NOT NULL,
    "throughId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "YjsSnapshot_pkey" PRIMARY KEY ("roomId")
);

-- CreateIndex
CREATE INDEX "YjsUpdate_roomId_id_idx" ON "YjsUpdate"("roomId", "id");

-- AddForeignKey
ALTER TABLE "YjsUpdate" ADD CONSTRAINT "YjsUpdate_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YjsSnapshot" ADD CONSTRAINT "YjsSnapshot_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
