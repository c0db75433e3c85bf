-- Connection and task names are unique ignoring case: "Prod" and "prod" are one name.
-- The Prisma schema cannot hold an index on an expression, so it is written here by hand.
CREATE UNIQUE INDEX "connections_name_lower_key" ON "connections" (lower("name"));
CREATE UNIQUE INDEX "tasks_name_lower_key" ON "tasks" (lower("name"));
