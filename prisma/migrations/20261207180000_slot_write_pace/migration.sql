-- AlterTable
ALTER TABLE "task_leases" ADD COLUMN     "writePace" JSONB;
