-- AlterTable
ALTER TABLE "task_partition_metrics" ADD COLUMN     "countedTo" TEXT;
