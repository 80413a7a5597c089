-- CreateTable
CREATE TABLE "Export" (
    "id" UUID NOT NULL,
    "roomId" UUID NOT NULL,
    "chainId" TEXT NOT NULL,
    "chainName" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "framesDone" INTEGER NOT NULL DEFAULT 0,
    "frames" INTEGER NOT NULL,
    "bytes" BIGINT,
    "fileName" TEXT NOT NULL,
    "encoder" TEXT,
    "error" TEXT,
    "createdById" UUID NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Export_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Export_roomId_createdAt_idx" ON "Export"("roomId", "createdAt");

-- CreateIndex
CREATE INDEX "Export_status_idx" ON "Export"("status");

-- AddForeignKey
ALTER TABLE "Export" ADD CONSTRAINT "Export_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Export" ADD CONSTRAINT "Export_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
