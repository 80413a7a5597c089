-- The collab-server running an export: with several servers, one that starts (or
-- notices another has gone) fails only the exports no live server is running.
ALTER TABLE "Export" ADD COLUMN "serverId" TEXT;
