-- AlterTable
ALTER TABLE "task_events" ADD COLUMN     "actorEmail" TEXT,
ADD COLUMN     "actorId" TEXT;
