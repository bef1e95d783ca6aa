from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "reminder_settings" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "unsubmitted_weekday" SMALLINT NOT NULL,
    "unsubmitted_hour" SMALLINT NOT NULL,
    "unsubmitted_minute" SMALLINT NOT NULL,
    "escalate_after_days" SMALLINT NOT NULL,
    "review_digest_hour" SMALLINT NOT NULL,
    "review_digest_minute" SMALLINT NOT NULL,
    "pending_review_hours" INT NOT NULL,
    "forgotten_after_minutes" INT NOT NULL,
    "hard_limit_minutes" INT NOT NULL,
    "snooze_minutes" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "company_id" CHAR(36) NOT NULL UNIQUE REFERENCES "companies" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "reminders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL /* UNSUBMITTED_WEEK: unsubmitted_week\nUNSUBMITTED_ESCALATION: unsubmitted_escalation\nPENDING_REVIEW: pending_review\nPENDING_FINALIZE: pending_finalize\nFORGOTTEN_CLOCKOUT: forgotten_clockout\nSHIFT_OVER_LIMIT: shift_over_limit */,
    "period" VARCHAR(100) NOT NULL,
    "subject" VARCHAR(100) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* CLAIMED: claimed\nSENT: sent\nFAILED: failed\nGAVE_UP: gave_up */,
    "attempts" SMALLINT NOT NULL,
    "claimed_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "channel" VARCHAR(32),
    "ts" VARCHAR(32),
    "last_error" TEXT NOT NULL,
    "remind_again_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "company_id" CHAR(36) NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "recipient_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_reminders_recipie_7445bc" UNIQUE ("recipient_id", "kind", "period")
);
CREATE INDEX IF NOT EXISTS "idx_reminders_subject_c08076" ON "reminders" ("subject");
        CREATE TABLE IF NOT EXISTS "shift_flags" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "reason" VARCHAR(32) NOT NULL /* OPEN_PAST_HARD_LIMIT: open_past_hard_limit */,
    "flagged_at" TIMESTAMP NOT NULL,
    "resolved_at" TIMESTAMP,
    "resolved_by_id" CHAR(36) REFERENCES "users" ("id") ON DELETE SET NULL,
    "shift_id" CHAR(36) NOT NULL UNIQUE REFERENCES "shifts" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "reminder_settings";
        DROP TABLE IF EXISTS "reminders";
        DROP TABLE IF EXISTS "shift_flags";"""


MODELS_STATE = (
    "eJztXetz2rgW/1cYPnVnup2EJKSbubMzBJzUtwQyPNKdNh2PsAXoxpZZP5Km3fzvV/L7IT"
    "vYgGNYfUmLpCOLn47OU8f8asqqLj/MdOtDV9dWAD83Lxq/mhhokPwn3fm+0QSrVbSLNllg"
    "prrjnWEIms7AmWkZQLZIxxyoJiRNCjRlA60spGPSim1VpY26TAYivAibbIz+tqFk6QtoLa"
    "FBOr59J80IK/AHmdz7uHqQ5giqSmzJSKHPdtol63nltE2nYu/KGUkfN5NkXbU1HI5ePVtL"
    "HQfDbRspHygN7VtADA1gQSXyNegqva/sN7krJg2WYcNgqUrYoMA5sFUKRvM/cxvLFIOG8y"
    "T65/RPb2mRYZI0GE6ksTCRpGYB7GQdU9wRtihQv17ceUNAnNYmfUD3U2f07qT9mwOBbloL"
    "w+l04Gq+OITAAi6pA3qIsvNvCufuEhhsnP3xCaTJQstg7DeEIIcM5sPnA7QDSJsa+CGpEC"
    "+sJfnYOjrKwfiuM3JgJqMcnHVyItyzMvC6Wm4fxTvE11SB/CBZEGgSi6GzgU4RlkLc49kC"
    "TF0Z3CetNdA+aWWCTbviWFtIgz91XIifozQHyNPt0zVAbp9mgky74iDLBqRgSMBKw9wjPR"
    "RQNtRxygTYikf6wf/PPkJPvqAyxOqzd65yoJ+IN8J40rm5pY/TTPNv1cGvMxFoT8tpfU60"
    "vmsntimYpPFFnHxq0I+Nr8OBkFQDwbjJ1yZdE7AtXcL6kwSUiAjwW33UXqhmnj9EtAZtmB"
    "Gp9AQMRYr1hOyhQW0GDXOJVmaaPy494qvPI6gCB940JwSmyk0w1R7ywovP/X5ryBMR5bBE"
    "c2tjnMZ0lkOFyIAaXZ6xMUojb6JDAooeSL2lZx3ReFcaU8mElkUenIPtEMOJTv4UQXgcmb"
    "WgeVJnoLWWlgBaAxgsnFXS6SgxS3Yx3bC4bMvzxBICdbu+2LembbpHQvb8wu+buGcitgp4"
    "ZxTfBIt4/LCZW7ZLDb+gS/i9dXx6fvrxpH36kQxxlhm0nOcofXEwecUbM3Q1w3oVsK052I"
    "pkQQDLMIWxT1udFdsEpqnLiMxa0OdtdsbjYVckds1FI5jjHo+nt8LoThwPRxcN015B4xGZ"
    "urP6ombvcXsNs/c4aU+FZi/tSpi97vlgOnHZUYk41TajE/WQlKWCESGoVPgURDRCwuEkcK"
    "aM9Di6aWivdAOiBf4Mn1PiJEuxT82DMptIswGeApUWZSny7RWoQssVu51xt9MTmiw5sBVc"
    "I7HYA4U2Lv/Y6GZ7lYXM28ImmsPVTOPM5/c8s4wyzU4MslTcz23wmXQj+4yHz3n4fL/C51"
    "ADSC0CcECwlXB5vQA+WyeYS0ZlA3yWCufymHkFMfOVgR6RChelfbvYBIfm4N3jTu9GHJCR"
    "ioZwPdy9mqXtanU+tp+4i5s4hdHO9gk52gy0eQYvG3qeweMZPJ7B4xm8twHK1NVHIl7nKs"
    "jLyRXgqSsy0/4pwO3kOwsHhNxTyIwIBQc0LyQUyoKdXpj8Fg1YEn/BsCRH237noaA3DQU5"
    "2y8pnrNUxKyKUx6gWbUnZpSPScqOimn88MQV3eYYJd/mWm8zxEqpTY7SbWGL66mZD2KHsW"
    "5BhpU1gT8yLrEEBBUG4N5ABU6EvyaxPfRjCe9uOn/9FtvH/nBw7Q+PxB66/eFlIuaAMLIQ"
    "UCWg6TZmxR2gjDSgZlgkKeLkyXKpP3iz7Go3jqrfjJ7QFW86/XfHrfduiIcgj9wEqr8rp6"
    "mkyRzhslAnSTcGen8EWCmoFTSfQwN6MfsCQMcJOcyvwOxcGygTsoxTco1cZ43MA9OZ23xg"
    "genYJcCVUnLX45R81+uy64zDngp28vu0/D5tHeHk92lfA5Xfp/1X3KeNuJNeEmnzCrFDzU"
    "kVSjOlyuSYGSdWMV1e8olZ01efF3fwyrANK8NsbNozDVnU3n2C8EEBDJk51oCqZkKdMcXr"
    "2Nc9fuZhf9I6bwew0w95iI9vOv2+Dzsb5qVuM/T9+hj79NUBfLxnCBORZbPSpetjHM7A2T"
    "iavTJlQNQxlMDcIjqBnHRGpiMf5YwpqoO5VX+YDfiI4JOkoAU0rVLygj1DdSD/sW8glxMZ"
    "WXNwoRGtUoBYIY+SPLAoMzKkRibGWeQVSozTWht3EY9KNxY60V/YE64uQxYBO2eG6vBuH+"
    "2Yq7cG+JL6tyoiRkMJrNnEFcro9r7AbGJd/wlLQJwmrNBobu0LvDxTkg01z5RUlSl50zDL"
    "FgP7ReKka8Sr/ThoFdHqOmzB9mPVG17fD8pDcuOp68ZRd/JuBwPKaIWgq8seyHMc/oAG0j"
    "d8scMlWvxbIqx/tFonJ+eto5P2x7PT8/Ozj0eBWk135enXS/GaqtiYWH89DuvvWpkq7mDH"
    "a1wz35wOxtPLG3EyEXrSF0H4fNFIxo3vcXSMQI5yvzMRh4P4SC9+RGa9x7fCoCcOrqWRcC"
    "cKXy4acVcx7L8SB52++FUIRzj3EdFPeI+vhqPrIXniQOr2h93Pw+mEfOHAC3LOsm5b93j8"
    "SbyaSMM7YST1RbLGi4ZbXqE/EjfJseKb67HbjqtwvWPPZKUsB9unqDMDrX+e4yX8a7095D"
    "jn7SHHjJdv27P/QZlhLedUlIcku0L57V65vRuQLWDZDGdvPZkYUld4q15WAXFz/M1fWzR2"
    "+x1izvcuGh49ETbCgAoYotGJgOqIfdo5B0ilfdedO0Ga3l40FuARSvaqjNjZ/ostABGX2o"
    "pVspwfQY3SVeib79aW2EbU1OOFMpdWY5QH6JTvrxOevqVKz3iJPY6Q8bvndd5feQkwhoVe"
    "NRYh4a+dWePXOTJsBDa4TE3DcWXgqgLTkqBh6Izkc3YxY5yKVzQWrmh0A0USWJAVlFAMDH"
    "KuIGqtIHhx0oElX9YpTqpb8qW+B7pAmUoQBi8Ia5KOA5tfsMJrKyLQbiVfxeTireB74DVB"
    "yaNbr1fBh3Up2W//8stWXn0DWPj6Nl5+UXVycHc/zAOB6dY2lQlyh9R1ztw0h7fCQLrtjC"
    "cSUTk9P32mryCWVtRdDC/C1SOFRg/aopRJHqc8QJN8T0zwtTyv4L2YZbzsGCn3sPdin2dF"
    "/a005Qauwf7scAGXy7VMiqEapeEXCPMcrQj/VekM1JNT1/AFkqc15g2QZTQG036/mDuQYP"
    "X0NhS+n1n6pdx14O9XNyF6uHd/N7MDDSQvm0zvyut7n+9agXAU96qqYqZde1WP0DBRllvF"
    "hjZCUmdfqmR2sHV2toaTREbl/MTTWerKz2pVBGFv+AGiu5Prb+SJFjMI+N/xcJCVHghIkh"
    "4Jkq3GPw0VmXv8cxAscCkY+SnYZLY1YYTRCS43LePYVKW9/B+Em01B"
)
