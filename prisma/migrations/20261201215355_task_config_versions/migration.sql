-- CreateTable
CREATE TABLE "task_config_versions" (
    "taskId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "diff" JSONB,
    "note" TEXT NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_config_versions_pkey" PRIMARY KEY ("taskId","version")
);

-- AddForeignKey
ALTER TABLE "task_config_versions" ADD CONSTRAINT "task_config_versions_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tasks saved before versions existed start with their current config as version 1 (its author unknown).
INSERT INTO "task_config_versions" ("taskId", "version", "config", "note", "createdAt")
SELECT "id", 1, "config", 'Configuration before versions were kept', "updatedAt" FROM "tasks";
