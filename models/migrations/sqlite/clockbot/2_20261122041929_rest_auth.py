from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_throttles" (
    "email" VARCHAR(254) NOT NULL PRIMARY KEY,
    "failures" INT NOT NULL,
    "locked_until" TIMESTAMP
) /* Failed logins per email, whether or not it has an account (so the lock tells nothing). */;
        CREATE TABLE IF NOT EXISTS "secrets" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
        CREATE TABLE IF NOT EXISTS "logins" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "username" VARCHAR(64) UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "password_changed_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "token_families" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "current_jti" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "rotated_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "revoked_reason" VARCHAR(32),
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "password_resets" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "logins";
        DROP TABLE IF EXISTS "login_throttles";
        DROP TABLE IF EXISTS "secrets";
        DROP TABLE IF EXISTS "token_families";
        DROP TABLE IF EXISTS "password_resets";"""


MODELS_STATE = (
    "eJztXetv2zYQ/1cEfUqBLKgdJyuKYYDrOKvXxC5ipyv6gMBItM1ZIl2JymNd/veR1PtlW3"
    "5F1vgliUkeJf/uyPvd8aT8VHWT6LM7Qk86xJoD/KS+VX6qGFiQ/ZHtPFZUMJ/Hu3gTBXem"
    "N14MQ9ARA+8cagOdso4xMB3Imgzo6DaaU0Qwa8WuafJGorOBCE+iJhejHy7UKJlAOoU26/"
    "j6nTUjbMBHNrn/cT7TxgiaRuKWkcGvLdo1+jQXbbe3vYtLMZJf7k7TielaOBo9f6JTgsPh"
    "rouMEy7D+yYQQxtQaMS+Br9L/ysHTd4dswZquzC8VSNqMOAYuCYHQ/1t7GKdY6CIK/Efrd"
    "/9W4sN07T+YKQNuyNNU0tgpxPMcUeYcqB+PnvzRoCIVpVfoPO+fXN0ev5KQEAcOrFFp4BL"
    "fRaCgAJPVIAeoSx+Z3DuTIGdj3MwPoU0u9F1MA4aIpAjAwvgCwDaAaSqBR41E+IJnbKPzd"
    "evF2D8qX0jYGajBM6ErQhvrfT9rqbXx/GO8HVMoM80CoGl5Rl0MdAZwbUQ9222hFHvDe7T"
    "5gponzYLweZdSawpsuA/BJey57hMDW36vLUCyOetQpB5VxJk3YYcDA3QLMwXrIcDmg91Uj"
    "IFtuGLngR/HCL07AsaA2w++etqAfSj3nV3OGpff+SXsxznhynwa4+6vKcpWp9SrUfnKTWF"
    "kyh/9UbvFf5R+TLod9NuIBw3+qLyewIuJRomDxowYltA0Bqg9sw983gW8xq84Y7tSg/ANr"
    "RET2QeFrTuoO1M0dzJ2sc7X/jyww00gYA3awkhVbkOpzpAW3gOrD9ojWwi5hymaEw3xmnI"
    "Z6kTRNzOSJMUWV62y2pa6RaAwUR8JX5tfqU8s8plyEmzW0SSU7a+XZr8VXUdKByQ7lP275"
    "sw5x6mJYgzV0bKoPxdYjPGvMvNd8Jv4Zdmo/Vr683peesNGyJuM2z5dcF+3OuPlhBlm5gF"
    "xKKLXUtg22M3BLAOMxgHsvsjGCpwHKIjNmvJcERtD4eDTo+5nLdKOMc3PLz92L351BsObt"
    "4qjjuH9j1yiLj7soykcb4CI2mkXV3ESHhXipF46yOXXxcHjEmpbQaO1dhW14oTI1D55lMS"
    "0ZiIhJPBmeFPSXSz0F4SG6IJ/gCfMttJke+/9Sc6TFAzrp812+AhdGlxk2Lf3oAmpN622x"
    "522hddNW8f2AqusTRZTaFN7n/56BYT/t1SNGHVueQssPdFtIwbzU4IWSYl4zUERroRP5OZ"
    "TZnZPKzMJrQAMssAHApsJZNZLYDPVsmzsVHFAJ9lMm0ynbmHdObcRvfIhJO1Y7vEBHUL8L"
    "7h9sV1r89GGhbC1Qj3KnaiUqn1sf0zlSTFKY12cUwo0c5BWx6uFEMvD1fk4Yo8XNkqRJTM"
    "INbGwEKmX+qzCVQjPtsln6xOeZMkW2SM6YGwBcoWP9zcuD76093w2eqEWan0UASvSSYey8"
    "wHdYDhiLAfq0B7FUx1WARjIaKlcmjexpWbRAv3tEVZtGj73Gn539d4jpeFWDbVBEH5LrNn"
    "L5o9E+rXDD++LMNEk5I1ZKIHwjwDTDLUM0GSohVXVs0JSanmSqsZYmMtJcfltqDiajrbWm"
    "gYE5rH4EfwsaDuJxTYY87yBVzgqPt5lNBhkH45um5/fpXQ49Wg/0cwPJau6VwN3qXSNAgj"
    "ioCpAYu4OC9VA3VkAbOAkWSE0yvLkz7xZ9mVNl7vXxkX3U7vun111Ggee1kxhjzyzpwDrb"
    "Qy50xjhNeFOi26MdCHs4GtBbWBxmNoQ/+YowTQSUEJ8xKYRaXFOlnepKT0yFX2yDKXX6jm"
    "muXyE3WTc2NNrSclpdarovWcxZ7JC8sSZFmCXEU4ZQnyMlBlCbIsQVZzjk+886Pc45PwaG"
    "nR8Yk4yqrY2xPkM2AbPgO255LXioG7+4pXvteWLduOy9TtFQk7KHcNChimwJmWgTkjWMPq"
    "4ubZ2Uo2fbbAps8KEdenAE/WigwLpqhhiHi4IaHM/9Q/E7BS/qcyQeuL+rEthqxlIoBl4W"
    "1QQbbz4LYK4G8e2m49oBpNbUKpgKwosAqHHK8QYGnUH71apKVeMjoODcULzpQ5tBXB0I+V"
    "h6mIsBRiK5hQBVGF8RwFYAXoOj89VI4corARCr8VhULTdPjAKVPDqxM1pZUdXmaDiFAGL7"
    "sIXoqDxTFDz7XzijIK4/C4yPJovOqFANuJxuPVwfqMsSK2TPLseDGlSsvKo9OqUeeN/P42"
    "HVX8MYZcN5V6zmGRk8o+YFGdbKCsmd52zbTu2jbEVPubojJ+NiVWw8SKfAulDK63EVwzrr"
    "+m1pOS0vtXzfsntAzvyWw9LSckpZYPQctst3JIzkN/xf4yKylfLbD81QLVSUxWdxHJappq"
    "pRz3GPUlH8XOjfsyT2svivxynhSvTugnC0E2LATx4vqyZ+hJqdplVbcf5cHHOWLrZw0mmJ"
    "SsYZRXJyrInMJaBfOOpPoHoV+ZrCneQeubrJEBhww4ZMBR/H4eyDa3ohf0eH3HS97QI0a9"
    "YGjxsm9YriHzLQ447oHp5mBd/HqHUKAWx0n7fsGDZCz/F8ZSmbKDNrSRPs33B37fEn8Aol"
    "Ey07S35bDjTNM9tB1U7nwkJlKLzX8PD2nwZVUCYX94DdFtrPSfIhoL/lNEI/ufItgVKcx7"
    "ec+fw0G/wI1GImkfinSq/KuYyDngN6bmgcvBWExk0pwl5QH5BO82raDf1KU9/wd7VhvJ"
)
