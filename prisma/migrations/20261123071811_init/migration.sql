-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ConnectionKind" AS ENUM ('kafka', 'elasticsearch');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('created', 'starting', 'running', 'retrying', 'stopping', 'stopped', 'failed');

-- CreateEnum
CREATE TYPE "DesiredState" AS ENUM ('running', 'stopped');

-- CreateEnum
CREATE TYPE "EventLevel" AS ENUM ('info', 'warn', 'error');

-- CreateTable
CREATE TABLE "connections" (
    "id" TEXT NOT NULL,
    "kind" "ConnectionKind" NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "secrets" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "configVersion" INTEGER NOT NULL DEFAULT 1,
    "desiredState" "DesiredState" NOT NULL DEFAULT 'stopped',
    "status" "TaskStatus" NOT NULL DEFAULT 'created',
    "statusReason" TEXT,
    "failurePoint" JSONB,
    "pendingOffsetReset" JSONB,
    "sourceConnectionId" TEXT NOT NULL,
    "sinkConnectionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_events" (
    "id" BIGSERIAL NOT NULL,
    "taskId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" "EventLevel" NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "task_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_leases" (
    "taskId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "owner" TEXT,
    "token" BIGINT NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acquiredAt" TIMESTAMP(3),
    "configVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "task_leases_pkey" PRIMARY KEY ("taskId","slot")
);

-- CreateTable
CREATE TABLE "task_partition_metrics" (
    "taskId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "messagesIn" BIGINT NOT NULL DEFAULT 0,
    "bytesIn" BIGINT NOT NULL DEFAULT 0,
    "messagesWritten" BIGINT NOT NULL DEFAULT 0,
    "documentsWritten" BIGINT NOT NULL DEFAULT 0,
    "filtered" BIGINT NOT NULL DEFAULT 0,
    "dropped" BIGINT NOT NULL DEFAULT 0,
    "discarded" BIGINT NOT NULL DEFAULT 0,
    "deadLettered" BIGINT NOT NULL DEFAULT 0,
    "failed" BIGINT NOT NULL DEFAULT 0,
    "committedOffset" TEXT,
    "endOffset" TEXT,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_partition_metrics_pkey" PRIMARY KEY ("taskId","topic","partition")
);

-- CreateTable
CREATE TABLE "task_metric_samples" (
    "id" BIGSERIAL NOT NULL,
    "taskId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "messagesIn" BIGINT NOT NULL,
    "documentsWritten" BIGINT NOT NULL,
    "lag" BIGINT,

    CONSTRAINT "task_metric_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workers" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connections_name_key" ON "connections"("name");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_name_key" ON "tasks"("name");

-- CreateIndex
CREATE INDEX "task_events_taskId_id_idx" ON "task_events"("taskId", "id");

-- CreateIndex
CREATE INDEX "task_leases_expiresAt_idx" ON "task_leases"("expiresAt");

-- CreateIndex
CREATE INDEX "task_metric_samples_taskId_at_idx" ON "task_metric_samples"("taskId", "at");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_sourceConnectionId_fkey" FOREIGN KEY ("sourceConnectionId") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_sinkConnectionId_fkey" FOREIGN KEY ("sinkConnectionId") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_leases" ADD CONSTRAINT "task_leases_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_partition_metrics" ADD CONSTRAINT "task_partition_metrics_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_metric_samples" ADD CONSTRAINT "task_metric_samples_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
