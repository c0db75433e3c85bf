-- AlterTable
ALTER TABLE "task_metric_samples" ADD COLUMN     "deadLettered" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "discarded" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "dropped" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "failed" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "filtered" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "messagesWritten" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "task_metric_rollups" (
    "taskId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "messagesIn" BIGINT NOT NULL,
    "messagesWritten" BIGINT NOT NULL,
    "documentsWritten" BIGINT NOT NULL,
    "filtered" BIGINT NOT NULL,
    "dropped" BIGINT NOT NULL,
    "discarded" BIGINT NOT NULL,
    "deadLettered" BIGINT NOT NULL,
    "failed" BIGINT NOT NULL,
    "lag" BIGINT,

    CONSTRAINT "task_metric_rollups_pkey" PRIMARY KEY ("taskId","minute")
);

-- AddForeignKey
ALTER TABLE "task_metric_rollups" ADD CONSTRAINT "task_metric_rollups_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
