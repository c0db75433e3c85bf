-- CreateTable
CREATE TABLE "task_held_messages" (
    "taskId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_held_messages_pkey" PRIMARY KEY ("taskId","topic","partition")
);

-- AddForeignKey
ALTER TABLE "task_held_messages" ADD CONSTRAINT "task_held_messages_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
