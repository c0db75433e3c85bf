-- AlterTable
ALTER TABLE "connections" ADD COLUMN     "last_test" JSONB;
