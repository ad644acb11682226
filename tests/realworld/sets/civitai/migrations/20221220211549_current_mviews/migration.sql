-- This is an empty migration.
CREATE UNIQUE INDEX mrank_model_id ON "ModelRank" ("modelId");
CREATE UNIQUE INDEX urank_user_id ON "UserRank" ("userId");