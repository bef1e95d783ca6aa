from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "companies" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "slack_team_id" VARCHAR(32) UNIQUE,
    "timezone" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "users" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254),
    "timezone" VARCHAR(64) NOT NULL,
    "privilege" VARCHAR(16) NOT NULL /* ASSOCIATE: associate\nSUPERVISOR: supervisor\nADMIN: admin */,
    "slack_team_id" VARCHAR(32),
    "slack_user_id" VARCHAR(32),
    "created_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_users_slack_t_24e4c8" UNIQUE ("slack_team_id", "slack_user_id")
);
CREATE TABLE IF NOT EXISTS "memberships" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL /* ASSOCIATE: associate\nSUPERVISOR: supervisor */,
    "company_id" CHAR(36) NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_memberships_user_id_b1e58e" UNIQUE ("user_id", "company_id")
);
CREATE TABLE IF NOT EXISTS "shifts" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "shift_date" TIMESTAMP NOT NULL,
    "start_time" TIMESTAMP NOT NULL,
    "end_time" TIMESTAMP,
    "notes" TEXT NOT NULL,
    "initial_amount" VARCHAR(40) NOT NULL,
    "final_amount" VARCHAR(40),
    "difference" VARCHAR(40),
    "deleted_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "company_id" CHAR(36) NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_shifts_user_id_2538df" ON "shifts" ("user_id", "start_time");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztm21v2joUgP8KyqdO6q0KBTZVV1dKKd24KzCVdJvWVZFJDFhNnCxx2rLe/vdrO+9vlP"
    "C2gPJlK8c+jnnOiX3OsXkRFM1QHsYGOekYugnwXDivvQgY6JD+kW48rgnANKNNTETAWHP7"
    "824I2rzj2CYWUAhtmADNhlSkQluxkEmQgakUO5rGhIZCOyI8DUUORr8cKBNjCskMWrTh7p"
    "6KEVbhMx3c+2g+yBMENTU2ZaSyZ3O5TOYml93e9i6veE/2uLGsGJqj47C3OSczAwfdHQep"
    "J0yHtU0hhhYgUI18DTZL7yv7InfGVEAsBwZTVUOBCifA0RgM4e+JgxXGoMafxP5p/uNNLd"
    "JNlgdDSR51JVkWCrBTDMy4I0wYqJdXd9wQCJcK7AGdT+LN0Vn7HUdg2GRq8UaOS3jlioAA"
    "V5VDDynz/1OcOzNgZXP2+ydI04muwtgXhJBDB/Px+YC2gFTQwbOsQTwlM/qxcXq6gPFX8Y"
    "Zjpr04Z4O+Ee67MvCaGm4b4x3ytTWgPMgEAl3Ocuh80CnFlYh7PlvAqXeG+6yxBO2zRi5s"
    "1hRnTZAOfxu4kD9HdQ7Qp9vNJSC3m7mQWVMcsmJBBkMGJI35krYwoNmo45oJ2KqneuL/sY"
    "/o6RdUh1ibe+/VAvRSr98dSWL/C3ucbtu/NM5PlLqspcGl84T0qJ0wUzBI7VtP+lRjH2s/"
    "hoNuchsI+kk/BDYn4BBDxsaTDNTIEuBLfWqvbGeePER2DSYY01XpCViqHGsJ3UOH+hha9g"
    "yZdto/Ljzlq883UAMcb9oTglClHwy1h77w6nu/Lw19IrI5zNCErM1pxEY5JETMz4yGked5"
    "6Sa9oSclAIMp/0rs2exJWW6VGSHH3W5RkJzw9c2GyXeCY0O+ASleyH6/TuTcw6RA4MyMkX"
    "Aob5VYL2Le5uI7ZVP4q1Fvvm9+OGs3P9AufJqB5P2C9bg3kN4IlC1DywksutjROdsenRDA"
    "Ckwx9nV3F2AIwLYNBdFRC6YjgjgaDTs9uuWc14IxfuLR7ZfuzdfeaHhzXrMdE1qPyDb47I"
    "tGJPX2EhFJPbnVhREJa0pEJO77kRlf5yeMca1NJo7lWFZXyhNDqGzxKUg0olLhpDhT8VOc"
    "bhrtlWFBNMWf4Ty1nOTt/bfeQPsJNbX1U7EFnoItLepS9NurUIPEXXbFUUe87ApZ68BGuE"
    "bKZAeKNr7+ZdPND/i3G6Jxr84Mznx/XxSWMafZSkCWKsm4At9J14rPqspmVdncr8om1AHS"
    "igAOFDZSySwX4NYydTbaKx9wK1Vpq8qZOyhnmhZ6RBqcrpzbxQY4tATvJxYv+70B7anqCJ"
    "cj3SvZiUqp3o/Nn6nEQ5zCtPNzwop2Bu3qcCUffXW4Uh2uVIcrJT9ccXFlpu4ByUW5e2i0"
    "rV46uotWlmhgZxGZL4v3Vc7+R3N2bn5Z9aLaIvtfXPMA97892e98JqkNL7Y0h29cUTPHNC"
    "szl9rMEKsrGTmqtwETlyyHOCQLY4PAjBBLgs85tw0ChR1WSv7AFih1v0sxG/pJ31Ff/P4u"
    "Zsfr4eCj3z2SJHauhxeJ5BBhRBDQZKAbDs5KEKGCdKDlRCQp5eSb5WqfeKNsyxqnuzfGZb"
    "fT64vXR/XGsZuLU/LIPenyrdJMVbcnCK+KOqm6Nuj9WcBWQq2iyQRa0CuuFgAdV6wwv4GZ"
    "n++uUluKa1Y7cpl35KqCmGvmA6sgxm5rmeqKVo9rVlYvi9UzXvZUhbO6+FhdfCwjzuri41"
    "tQq4uP1cVHIeP4RIQWUmZC5vmJ13a8+AAFhL1K86vt6rcna/725BFatndOuez1i4jKAd4D"
    "a7RaS923ay24b9dKJsjstSpA2Ot+gHTrS10XrS+4LlpPXxelTyQwq5b272g4yItUA5VkYo"
    "IUUvuvpiF7j8/ms+AyGIsLx8kacSIEYwNcZMVgu9zSXv8HisEQzg=="
)
