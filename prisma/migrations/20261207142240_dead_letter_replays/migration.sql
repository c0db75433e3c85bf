-- CreateTable
CREATE TABLE "dead_letter_replays" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "topic" TEXT NOT NULL,
    "letters" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "force" BOOLEAN NOT NULL DEFAULT false,
    "ratePerSecond" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "position" INTEGER NOT NULL DEFAULT 0,
    "written" INTEGER NOT NULL DEFAULT 0,
    "filtered" INTEGER NOT NULL DEFAULT 0,
    "failedAgain" INTEGER NOT NULL DEFAULT 0,
    "missing" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "workerId" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dead_letter_replays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dead_letter_replayed_letters" (
    "replayId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,

    CONSTRAINT "dead_letter_replayed_letters_pkey" PRIMARY KEY ("replayId","partition","offset")
);

-- CreateIndex
CREATE INDEX "dead_letter_replays_taskId_createdAt_idx" ON "dead_letter_replays"("taskId", "createdAt");

-- CreateIndex
CREATE INDEX "dead_letter_replayed_letters_taskId_topic_partition_offset_idx" ON "dead_letter_replayed_letters"("taskId", "topic", "partition", "offset");

-- AddForeignKey
ALTER TABLE "dead_letter_replays" ADD CONSTRAINT "dead_letter_replays_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dead_letter_replayed_letters" ADD CONSTRAINT "dead_letter_replayed_letters_replayId_fkey" FOREIGN KEY ("replayId") REFERENCES "dead_letter_replays"("id") ON DELETE CASCADE ON UPDATE CASCADE;
