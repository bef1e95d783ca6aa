from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "actor_id" UUID,
    "company_id" UUID NOT NULL,
    "timesheet_id" UUID,
    "subject" VARCHAR(32) NOT NULL,
    "subject_id" VARCHAR(64) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_log_company_b5cb96" ON "audit_log" ("company_id", "at");
CREATE INDEX IF NOT EXISTS "idx_audit_log_timeshe_dc13f6" ON "audit_log" ("timesheet_id", "at");
CREATE INDEX IF NOT EXISTS "idx_audit_log_subject_2ce84e" ON "audit_log" ("subject", "subject_id");
        CREATE TABLE IF NOT EXISTS "timesheets" (
    "id" UUID NOT NULL PRIMARY KEY,
    "start_date" DATE NOT NULL,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "hours_submitted_at" TIMESTAMPTZ,
    "hours_reviewed_at" TIMESTAMPTZ,
    "schedule_submitted_at" TIMESTAMPTZ,
    "finalized_at" TIMESTAMPTZ,
    "returned_kind" VARCHAR(16),
    "returned_at" TIMESTAMPTZ,
    "returned_reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "company_id" UUID NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "finalized_by_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "hours_reviewed_by_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "hours_submitted_by_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "returned_by_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "schedule_submitted_by_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_timesheets_user_id_8cd694" UNIQUE ("user_id", "company_id", "start_date")
);
CREATE INDEX IF NOT EXISTS "idx_timesheets_company_27a2a5" ON "timesheets" ("company_id", "start_date");
CREATE INDEX IF NOT EXISTS "idx_timesheets_user_id_32e610" ON "timesheets" ("user_id", "starts_at");
        CREATE TABLE IF NOT EXISTS "entry_times" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "source" VARCHAR(16) NOT NULL,
    "start_time" TIMESTAMPTZ,
    "end_time" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "author_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "shift_id" UUID NOT NULL REFERENCES "shifts" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_entry_times_shift_i_76cae1" UNIQUE ("shift_id", "source")
);
COMMENT ON COLUMN "entry_times"."source" IS 'SUPERVISOR: supervisor\nADMIN: admin';
COMMENT ON TABLE "entry_times" IS 'A supervisor''s or an admin''s times for an entry. No times at all means \"not worked\".';
        CREATE TABLE IF NOT EXISTS "notes" (
    "id" UUID NOT NULL PRIMARY KEY,
    "type" VARCHAR(16) NOT NULL,
    "reason" VARCHAR(32),
    "created_at" TIMESTAMPTZ NOT NULL,
    "content" TEXT NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "replaces_id" UUID,
    "author_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "shift_id" UUID REFERENCES "shifts" ("id") ON DELETE CASCADE,
    "timesheet_id" UUID NOT NULL REFERENCES "timesheets" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_notes_timeshe_3dc92b" ON "notes" ("timesheet_id", "state");
COMMENT ON COLUMN "notes"."type" IS 'COMMENT: Comment\nREPORT: Report';
COMMENT ON COLUMN "notes"."reason" IS 'LATE_ARRIVAL: Late Arrival\nEARLY_DEPARTURE: Early Departure\nNO_SHOW: No Show';
COMMENT ON COLUMN "notes"."state" IS 'ACTIVE: Active\nDELETED: Deleted';
        CREATE TABLE IF NOT EXISTS "decision_messages" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "channel" VARCHAR(64) NOT NULL,
    "ts" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "recipient_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "timesheet_id" UUID NOT NULL REFERENCES "timesheets" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_decision_me_timeshe_2741d3" ON "decision_messages" ("timesheet_id", "kind");
COMMENT ON COLUMN "decision_messages"."kind" IS 'REVIEW: review\nFINALIZE: finalize';
        ALTER TABLE "companies" ADD "overtime_threshold_minutes" INT NOT NULL DEFAULT 2400;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "companies" DROP COLUMN "overtime_threshold_minutes";
        DROP TABLE IF EXISTS "notes";
        DROP TABLE IF EXISTS "audit_log";
        DROP TABLE IF EXISTS "entry_times";
        DROP TABLE IF EXISTS "decision_messages";
        DROP TABLE IF EXISTS "timesheets";"""


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
