"""Hand-written: what aerich cannot express (see models/timesheets.py, models/audit.py,
models/notes.py).

- A finalized week is locked: no shift (nor its supervisor/admin times) that shares an instant
  with a finalized timesheet of its user and company may be inserted, updated or deleted.
- The audit trail is append-only: no UPDATE; a DELETE only once the row's company is gone.
- One active report per reason per entry.
Instants are UTC ISO text here, compared as text (see 1_..._shift_constraints).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TRIGGER IF NOT EXISTS "shift_week_locked_insert" BEFORE INSERT ON "shifts"
    WHEN EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = NEW."user_id" AND t."company_id" = NEW."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(NEW."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > NEW."start_time")
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "shift_week_locked_update" BEFORE UPDATE ON "shifts"
    WHEN EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = OLD."user_id" AND t."company_id" = OLD."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(OLD."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > OLD."start_time") OR EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = NEW."user_id" AND t."company_id" = NEW."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(NEW."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > NEW."start_time")
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "shift_week_locked_delete" BEFORE DELETE ON "shifts"
    WHEN EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = OLD."user_id" AND t."company_id" = OLD."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(OLD."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > OLD."start_time")
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "entry_times_week_locked_insert" BEFORE INSERT ON "entry_times"
    WHEN EXISTS (SELECT 1 FROM "shifts" AS s JOIN "timesheets" AS t
          ON t."user_id" = s."user_id" AND t."company_id" = s."company_id"
        WHERE s."id" = NEW."shift_id" AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(s."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > s."start_time")
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "entry_times_week_locked_update" BEFORE UPDATE ON "entry_times"
    WHEN EXISTS (SELECT 1 FROM "shifts" AS s JOIN "timesheets" AS t
          ON t."user_id" = s."user_id" AND t."company_id" = s."company_id"
        WHERE s."id" = OLD."shift_id" AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(s."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > s."start_time") OR EXISTS (SELECT 1 FROM "shifts" AS s JOIN "timesheets" AS t
          ON t."user_id" = s."user_id" AND t."company_id" = s."company_id"
        WHERE s."id" = NEW."shift_id" AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(s."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > s."start_time")
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "entry_times_week_locked_delete" BEFORE DELETE ON "entry_times"
    WHEN EXISTS (SELECT 1 FROM "shifts" AS s JOIN "timesheets" AS t
          ON t."user_id" = s."user_id" AND t."company_id" = s."company_id"
        WHERE s."id" = OLD."shift_id" AND t."finalized_at" IS NOT NULL
          AND t."starts_at" < COALESCE(s."end_time", '9999-12-31 23:59:59+00:00')
          AND t."ends_at" > s."start_time")
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "audit_log_no_update" BEFORE UPDATE ON "audit_log"
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS "audit_log_no_delete" BEFORE DELETE ON "audit_log"
    WHEN EXISTS (SELECT 1 FROM "companies" AS c WHERE c."id" = OLD."company_id")
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE UNIQUE INDEX IF NOT EXISTS "note_one_active_report" ON "notes" ("shift_id", "reason")
    WHERE "type" = 'Report' AND "state" = 'Active';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "note_one_active_report";
DROP TRIGGER IF EXISTS "audit_log_no_delete";
DROP TRIGGER IF EXISTS "audit_log_no_update";
DROP TRIGGER IF EXISTS "entry_times_week_locked_delete";
DROP TRIGGER IF EXISTS "entry_times_week_locked_update";
DROP TRIGGER IF EXISTS "entry_times_week_locked_insert";
DROP TRIGGER IF EXISTS "shift_week_locked_delete";
DROP TRIGGER IF EXISTS "shift_week_locked_update";
DROP TRIGGER IF EXISTS "shift_week_locked_insert";"""


MODELS_STATE = (
    "eJztXWtv2zgW/SuCvmwHyAau4yTdYLCAa6tT7zh2YTvpbJtCYCTa1kaiPHokzXTz34eUrB"
    "dFyZJfkVR+aWOSl5bP5ePecy+pH6Kim8rDvemc9kxjBdCzeCX8EBEwIP4jXXkiiGC1ileR"
    "Igfc6357r5kGba/hve1YQHFwxRzoNsRFKrQVS1s5molwKXJ1nRSaCm6ooUVU5CLtTxfKjr"
    "mAzhJauOLrN1ysIRV+x52vP64e5LkGdTXxyJpKvtsrl53nlVd2czPof/Bakq+7lxVTdw0U"
    "tV49O0sThc1dV1NPiQypW0AELeBANfYzyFOuf3JQ5D8xLnAsF4aPqkYFKpwDVydgiL/OXa"
    "QQDATvm8g/nX+vHy3WTJZH45k8lWayLJbATjERwV1DDgHqx4vfbwSIVyqSL+h97E7enF38"
    "4kFg2s7C8io9uMQXTxA4wBf1QI9Q9v5P4dxbAouNc9CeQho/6DYYBwURyNEAC+ALADoApK"
    "IBvss6RAtniT+2W60cjG+7Ew9m3MrD2cQzwp8ro3VV268jeEf42jpQHmQHAkNmDehsoFOC"
    "WyG+HrMlBvXR4D5rF0D7rJ0JNqlKYu1oBvzLRKXGc1ymgWP6olMA5ItOJsikKgmy+QgtAp"
    "rsLPEqszRxr4aGXMffKpKwD5DDRj2/E0oP+JcdSg/tTqt1KD0syEP8s/22c9l5d3bReYeb"
    "eA8allzmqGYwmlG4KxYkP14GThrnPq4hcLLBTkpS4Kpr0dPgjzoOefwD1THSn9frWQ6us8"
    "G1NJ11rz+RrzNs+0/dw687k0hN2yt9pkrfXFDTI+xE+DyYfRTIR+HLeCTR22/YbvZFJM8E"
    "XMeUkfkkAzW29AalAWovxCKaP8R2a1Jwj3eDJ2CpcqImGh4GNO6hZS+1FWMevl8Lf/h9An"
    "XgwZseCaGJeB12VcOx8BKM/qA0GhOxTXmpzZ2dcZqSXpoKEVkK7CWEu8M0C3pqElRkSppt"
    "M2uSpquMtkGXAAQW3k8i302+iTUDmU5ccobm+XHUsrBfT+6r6NrQs5GUtVf5bRfnLtNaYN"
    "q/DKtgvaDu5tQdcp/ai0mQ7ctZpp5h+0rINTxsB/iBAFJgCuNA9ng2sAhs21Q03GtJj1ns"
    "Tqfj3gDvzldC2Mcdmt58kia3g+l4ciXY7gpaj5ptek9f1mh+e1HAaH5LWwWR0UyqKOPNnx"
    "9MFzCb00hK7ZPbqMayuhWVEYFKFp+SiMZEOJwYzpSpmUQ3De0H04LaAv0On1PLSdb+f7Pu"
    "qJ6gprZ+XGyBp3BLiw8p/OtVqEPHX3a70163L4msdWAvuMaY3IZCm1z/2Ohm+0aHNdG8Uc"
    "00zoLxnmeWkUFzEIMsxRr6BcEg3ck+4+Q7J9/rRb5DA2h6GYBDgb2Q7dUC+LwIFYxbZQN8"
    "niKDOeN+BMZ9ZWmPmg4XW/t2iQ6a5uDdoW7/ejDCLVVDQ9Vw9yoW9KvU/Nh/2C9p4pRGO9"
    "sn5Ggz0OZxqGzoeRyKx6F4HIrHoZoSh/JHFpPlCAddHs0Rje+DphB+jZNw2Aa2HNnbQb5x"
    "euNV6Q1P/bK6dgDKmApJyQaaCjUxDQJMUrZBYheLZlxZNSckuZorrWaI1K2UHJfbg4or5m"
    "41ScPIZGZxzuD3jMSMUOCIpNIrbIEz6Y9ZQoeBf/zmuvvHLwk9Dsej34LmMX+6Nxy/p/xo"
    "DWmOBnQZGKaLWL40VDQD6BkWSUqYnlm+9Om6l0Np41DJsznK6Eu9wXV3+OZt+8SnLTDymh"
    "8UDLTSSQUC5hraFmpadGeg67OAbQW1qs3n0IJrHroE0ElBDvMGmL1Q+DY0XFKS78hV3pE5"
    "2Zqp5oaRrYnEtpW6pdaTklzrVdE6Y7KnmE6eI8pzRKsIJ88R3QQqzxGta45o7FgriS14PN"
    "XOgSYJOdbzLOipIbhTVCD+hXIGXVQOrJHp1NfHOHY8LgphMmNyiQhnXlwuGVQ99KGwk4Do"
    "9+I5dAryV2oKx5ueCOnQnk2MWx7Ze+XIXqSkFNrEQ8kL9xSJ6tV34WQSPNi7oHPWwqHMxG"
    "9DyMxuroNXX4eOGTHbRsUxMa7gSit4abqWLdvuvaE52xE27B44KVt9rVvwUYNPOyid6oDr"
    "vMo6t5UlVF0d7jTZMzvhuq+y7r0IsPbXViqnZbmmq6xpCzquhbCyHjCYaVVnnyRJCTbvJM"
    "n+T0mFoJWfVpQon1W1mFUWBLbPBhZNMGOI8lSz0qlmPIsge42rZzyZZxH8jFrnWQSvlEUQ"
    "WfH3ZZFliO4Ab32slBLoUnRIaYiz5DnOLJwj7mFLoBkdcKQzPJvSEKclObYvm5i40ijn9c"
    "Hx5hl0PIPuyKDyDLpqZ9DlmxHHHMDVXGM3gpxpOiXwxk8jjG6GQxbgMfuW410Q77RPUABu"
    "pnHAId8IeZ5RVQD2uKPM0d6INoNXKAByzL3gGG/EOO2MZUBcJMH8mNnSdTFFqBOtimbjjm"
    "UD2jZY7A5Wf93htd9fk3A7bJp57AADM888ecAhL9HcPygQnqrYmGkudmM3e/7DFkxLAMi/"
    "2RN/8voR5n6h1/WpMDLXxcARgK4LBgTIFu7IdBOeTOsBqnfiqUihfcCvYd/KHVyWZWOzRE"
    "nnwJfKZuevSdnxNSlrJaSALXaZbiRd5cuLxRpdllud66OqaafUMCzJzIXnt0c1WsM8yyR7"
    "Ca1nvgHPMvkZtV4kywTXLc2yYaGEEA+zUVaQd+NpyTBmTIYH2vIDbaELtjPn1bTrtk9oHj"
    "c2qjZHg/xJzcnEjbAmVr/SPOJhCR+PVmRSPQHhmEfyhMzmgS/5Dm8tiK4DcPgl3699FYAH"
    "VQrnYlxKIFtpJqU3vr6WRrMroWcaBkTOHZpIn8YTXDCBK9NyqsGiZJ2tKPj2392OVxxnSR"
    "aH2PKVu5PJ4LY7vBKG+HmErmVpj0C/Q1J3Mvyv3Jc+dSezm4l0JUjA0p+FPlwBy3EteIdG"
    "Y3n6cfz5inC50yW2a7fQG3+dTjXswIr7SwxyxEQOZN09nH32KSZS5fVxL+o8xKkn3zzYck"
    "EMhY943KyLLYHH8u/K680Gt3i986XvUF8aSjOpf4WXPu+e36psTysdKNAunQ6dEOOkwQun"
    "YZpKwzQST9pnK4opLcfprXx6K8RrL0xME1+VdkLxMfQI20x1HZ9CrOaSwBlEziDSDCKda8"
    "ckExkJeXm8IjMh8Mgco3efSzmKkedn7ZiflX35zma/baf7d47FKE6k24H0+UrwjyfcoQ+D"
    "UXc4+IKduCCruxpOm7IECEGdrYsM0iISqbIKio/1BMQXnQIQX3QyISZVlH3MyHLORtc58s"
    "vWagws51Wzoa9nXkqRbCQLmwwrDaKy7iYtx91N7sdzP74K8B7Ajw8n+zF9zrrCS6+MZd+w"
    "cli3s+uqmuMdRxKZHmes/iTf2QSkpaybiyM4mckT9+R1FuRFF/RADspt9/5/UPGPD/l/kg"
    "blfNL32uJncUv/1W6fnV22W2cX7847l5fn71qhf5quynNU3w9+I75qwpTZ7LyWtzcba2fW"
    "xK4sFL/Hi0H5QFtMhseFKPeMX1PYSCO9kYM1tgMXZWpiIg2ka/afBhezbMqjzB62TQB6/7"
    "wYUIJrE4qCHElwgAsAfA/n2IlMA/yf6XjEBjiSoI1ATXGE/wu6Ztc3WMzClUCRMPxS6X50"
    "Zh+1RpMO6HQ/MHdYV+llwx4KcNS3R32bK/35Tf6lclpTbOGrkS3Q0pSlyCZa/LqTDSRL1O"
    "qQDAsP1x8zXP8ILbukSRETaaBN0T4/L2BU4FaZVoVXR21veFqVMdr85g1E922rVSTPodXK"
    "TnQgdTQdkXE8I9t8yD6eUc6AqBrax7AgXnVLe/kbuwa/Fw=="
)
