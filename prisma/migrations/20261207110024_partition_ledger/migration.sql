-- AlterTable
ALTER TABLE "task_partition_metrics" ADD COLUMN     "baseline" JSONB,
ADD COLUMN     "countedFrom" TEXT,
ADD COLUMN     "documentsCreated" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "documentsDeleted" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "documentsUpdated" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "kafkaCommittedOffset" TEXT,
ADD COLUMN     "offsetsReadAt" TIMESTAMP(3),
ADD COLUMN     "resetAt" TIMESTAMP(3);
