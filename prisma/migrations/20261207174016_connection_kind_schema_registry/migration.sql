-- AlterEnum
ALTER TYPE "ConnectionKind" ADD VALUE 'schema_registry';
