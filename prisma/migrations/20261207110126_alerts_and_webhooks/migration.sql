-- CreateTable
CREATE TABLE "task_alerts" (
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holds_since" TIMESTAMP(3) NOT NULL,
    "firing_since" TIMESTAMP(3),
    "values" JSONB NOT NULL,

    CONSTRAINT "task_alerts_pkey" PRIMARY KEY ("taskId","kind")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhooks_name_key" ON "webhooks"("name");

-- AddForeignKey
ALTER TABLE "task_alerts" ADD CONSTRAINT "task_alerts_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
