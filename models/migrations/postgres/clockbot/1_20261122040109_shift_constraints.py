"""Hand-written: the shift invariants aerich cannot express (see models/shifts.py)."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE UNIQUE INDEX IF NOT EXISTS "shift_one_open_per_user" ON "shifts" ("user_id")
    WHERE "end_time" IS NULL AND "deleted_at" IS NULL;
ALTER TABLE "shifts" ADD CONSTRAINT "shift_end_not_before_start"
    CHECK ("end_time" IS NULL OR "end_time" >= "start_time");
ALTER TABLE "shifts" ADD CONSTRAINT "shift_no_overlap" EXCLUDE USING gist (
    "user_id" WITH =, tstzrange("start_time", "end_time", '[)') WITH &&
) WHERE ("deleted_at" IS NULL);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "shifts" DROP CONSTRAINT IF EXISTS "shift_no_overlap";
ALTER TABLE "shifts" DROP CONSTRAINT IF EXISTS "shift_end_not_before_start";
DROP INDEX IF EXISTS "shift_one_open_per_user";"""


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
