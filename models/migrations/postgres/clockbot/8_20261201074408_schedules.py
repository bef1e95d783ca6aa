"""Schedules (models/schedules.py), attendance's links on notes, and the grace setting; by hand
what aerich cannot express:

- one active report per reason on a planned shift (`note_one_active_plan_report`);
- a finalized week is locked for its plan too: no planned shift on a day of a finalized timesheet
  of its user and company may be inserted, moved or deleted (judging it, `checked_at` and
  `findings`, is not a change to the plan). The test of a day is the one PTO's lock uses.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "schedule_entries" (
    "id" UUID NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "start_time" TIMESTAMPTZ NOT NULL,
    "end_time" TIMESTAMPTZ NOT NULL,
    "deleted_at" TIMESTAMPTZ,
    "checked_at" TIMESTAMPTZ,
    "findings" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "author_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "company_id" UUID NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_schedule_en_user_id_e78283" ON "schedule_entries" ("user_id", "day");
CREATE INDEX IF NOT EXISTS "idx_schedule_en_company_525962" ON "schedule_entries" ("company_id", "end_time");
        ALTER TABLE "notes" ADD "schedule_entry_id" UUID REFERENCES "schedule_entries" ("id") ON DELETE CASCADE;
        ALTER TABLE "notes" ADD "explains_id" UUID;
        ALTER TABLE "reminder_settings" ADD "late_grace_minutes" INT NOT NULL DEFAULT 10;
CREATE UNIQUE INDEX IF NOT EXISTS "note_one_active_plan_report" ON "notes" ("schedule_entry_id", "reason")
    WHERE "type" = 'Report' AND "state" = 'Active';
CREATE OR REPLACE FUNCTION "clockbot_schedule_week_lock"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW."user_id" = OLD."user_id" AND NEW."company_id" = OLD."company_id"
       AND NEW."day" = OLD."day" AND NEW."start_time" = OLD."start_time"
       AND NEW."end_time" = OLD."end_time"
       AND NEW."deleted_at" IS NOT DISTINCT FROM OLD."deleted_at" THEN
        RETURN NEW;  -- judging attendance changes nothing in the plan
    END IF;
    IF TG_OP <> 'INSERT' THEN
        IF "clockbot_pto_week_locked"(OLD."user_id", OLD."company_id", OLD."day") THEN
            RAISE EXCEPTION 'week_locked: planned shift % is in a finalized week', OLD."id"
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF "clockbot_pto_week_locked"(NEW."user_id", NEW."company_id", NEW."day") THEN
        RAISE EXCEPTION 'week_locked: planned shift % is in a finalized week', NEW."id"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER "schedule_week_lock" BEFORE INSERT OR UPDATE OR DELETE ON "schedule_entries"
    FOR EACH ROW EXECUTE FUNCTION "clockbot_schedule_week_lock"();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "schedule_week_lock" ON "schedule_entries";
DROP FUNCTION IF EXISTS "clockbot_schedule_week_lock"();
DROP INDEX IF EXISTS "note_one_active_plan_report";
ALTER TABLE "notes" DROP CONSTRAINT IF EXISTS "notes_schedule_entry_id_fkey";
        ALTER TABLE "notes" DROP COLUMN "schedule_entry_id";
        ALTER TABLE "notes" DROP COLUMN "explains_id";
        ALTER TABLE "reminder_settings" DROP COLUMN "late_grace_minutes";
        DROP TABLE IF EXISTS "schedule_entries";"""


MODELS_STATE = (
    "eJztXWtz2rga/isevpzuTE4nJWnazezsDE1IyymBDJB2zzY7HgUEeGNk1paTZvf0vx/JN3"
    "yRjG2MkR19ycXSK8zz6vLe9U9rqhvTh3sDv74wVmuAnlvnyj8tBFaQ/JFsPFJaYL0ON9FH"
    "GNzrbn+nmwYtp+O9hU0wxaRhDnQLkkczaE1NbY01A5GnyNZ1+tCYko4aWmwe2Uj7y4YqNh"
    "YQL6FJGr79QR5raAa/k8G9f9cP6lyD+izyytqMfrbzXMXPa+fZ7W3v8srpST/uXp0aur1C"
    "m97rZ7w0UNDdtrXZa0pD2xYQQRNgOAt9DfqW3lf2H7lvTB5g04bBq842D2ZwDmydgtH6ZW"
    "6jKcVAcT6J/jj91Xu1UDdVHQwn6rg7UdVWDuymBqK4awhToP754Y67AcR52qIfcPGpM3p1"
    "cvaTA4Fh4YXpNDpwtX44hAADl9QBfYOy8zuB88USmGyc/f4xpMmLFsHYf7ABeTPBfPh8gP"
    "YAaWsFvqs6RAu8JP+2j49TMP7SGTkwk14OzgZZEe5aGXhNbbeN4r3B19LB9EHFEKxU1oTm"
    "A50gLIS4N2dzTOrK4D5pZ0D7pM0FmzZFscbaCv5toFzzOUzTwDl9dpoB5LNTLsi0KQqy8Q"
    "hNCpqKl2SXWRpk1JWGbOweFVHYewizUU8fJMYH8s32xYf26fHxvviwoC/x7/ab03en70/O"
    "Tt+TLs6LBk/epbCmN5jEcJ+akH55FeAkzpekhcLJBjtKGQN35pG+9v+o45QnX3A2RPqzt5"
    "+l4DrpXXfHk871Df24lWX9pTv4dSZd2tJ2nj7Hnr46iy2PYBDla2/ySaH/Kr8PB9348Rv0"
    "m/zeou8EbGyoyHhSwSy09fpPfdR+UIlo/hA6remDe3IaPAFzpkZaNtNjBVf30LSW2pqxDj"
    "94xFefR1AHDrzJmRCIiNfBUDWcCz/82e8/3cyJ0KG81OZ4Z5zGdJSmQkS3AmsJ4e4wTfyR"
    "mgrVGhu7YnTjDtFEdKzpEs5sHaoQkdFYUkLOVeeN1yXDPTcVNBOu6OuZO6M18gZqElD0OD"
    "TaBu+AjDYlMVUtiDH54BRshwhODPIjD8Lj0Kg5lTKRgV61VzGgVwCBhfOWdDhKzJIcmMan"
    "qGSRZn+KiTPlWqC+tWzLXRJTzxr2xy5GKa6Ww9TbGdqMNx92M0btU74uRZXh26BMQ+fo7F"
    "1krxxse+SFAJrCBMY+bXW6ewtYljHVyKg5LX2tzng8vOgRreJcCca4Q+Pbm+7oS288HJ0r"
    "lr2G5qNmGc7b51X235xlUPbfxLWZjbJPm2JKp7s+mKYrvi02SlWmTVaMnbKQCXYDKt18ci"
    "IaIpFwEjgTKnIU3SS0V4YJtQX6DJ8T2wnvYL+1GiU2kccmeAqOtPCUIt9+BnWI3W23M77o"
    "XHZbrH2gFFxDHqiGQhvd/9jo8m06ucTb3CKaM6uZwpk/39PEMjpp9iKQJbwd7gN/ku4kn0"
    "mnoXQa1stpCFdA0/MAHBCU4iQUC+C3WVxYpBcf4LcJJ5b0FFbgKVyb2qOmw0Vh3S4yQNMU"
    "vDvUubzuDUjP2UpDYqh7ggUrCLU+yg9XiIo4udHm64QSbQba0n/Oh176z6X/XPrPpf9c+s"
    "/FQ0f6z6X/fJ9AWYb+SISbuQ7SPOI5dvQrMlL9xM9sm7rxAJE6BytNL2ElTuhoV3Swxq7D"
    "NVGDnwwidZF5VsJReOMNN6KjNQmzgiEturFwTQe7h7H0/aEasmxzO0ZcaZTpGQkE1TTXyE"
    "Ym3mu61Lew487CwMSqo3X+IV0iB3WJOOxXZ57RMI95IUrZQPNCTcwJPiYJe0JEGt+suLxs"
    "jlBKNgvNZohmhZgcpiuBxWIeto3gMDKYGWsT+J0TzBkQVOiIOsAROOn+Nonw0Lepv7ru/P"
    "ZThI/94eCj3z1kg7/oDz/EbO8a0rAGdBWsDBux7O9wqq2AzpFIEsTxleVSv/ZG2Rc39pUo"
    "mMKMy+5F77rTf/WmfeS6OgjymhtI5HPlNBE8MNdQUajjpDsDXZ8NrBDUM20+hyb0fNc5gI"
    "4SSpi3wOyEzxVx3UUp5Yks8oksHbRcNjfMQRsJhl/PCnI9Sim5LgrXGYs9YReWeSUyr0RE"
    "OGVeyTZQZV5JXfNKQiV8qG/BsVPt7JFzoggm/kgNwT1mCiTfUOWYi/KBNTBwfXWM0pyWcy"
    "8+YHefZRPDDXL7LTfhYUzfZSR6LM1/GQ1Y23fC/ZHvEHH8XvH0rm+xrS7c9UhJukAtqgRI"
    "D+iBPaAbJiXQpppcmlssi/ezvgcM0xBGtLB4PkAwlZn4bXEtWs1VhOur+DI9i0VYHCKTDB"
    "aawUvDNi3Vsu9XGi5m2GKPII3X4nPdhI8afNqB6bEBJM9F5nkQmb/LYucOInkvMu8dT7n2"
    "dyGWx2klp0XmtAmxbSLCrAcCZpLV/CzdBGHzsnTLz0APQMu/rGKkclXVYlWZEFgGI4eBH4"
    "jHIJUheblD8mS0BX+Pq6ffXUZbvESuy2iLA0VbbKT4+7zIMkh3gLc+UkoOdGPmkNwQ8+gl"
    "ziycN7aHgkAzBpBIczSb3BAnKSW2P7ZZ4nKjnDaGxFtGGspIw4pBlZGGYkcaposRVU5gMf"
    "fYrSBzRacI3uRtlMFtv88CPCTfSrwz4p3UCTLAzRQOJORbIU8TqjLAHlaUJdpb0WbYFTKA"
    "HFIvJMZbMU4qYxyIswTiVxlVXhdRJJb5O9UsMrC6gpYFFruDdekNeO2O1yTccoXj5w4zDy"
    "V6MOPMo4kgaYHmbkJFkH2yNdK81QlVTf+XpRimApBbNZ3854yjzN2HztCvlYHhPQZYAbqu"
    "rCBAlnJHl5vyZJgPcHbXet2Kob3Hj2HfeOIXFbOIWDJNxsDnimaXV9DteAWdx4QEsNkuKt"
    "hQi3wxRKtGFxGIU2ZLTDmlhm5JZiy8rLLVaA7LKBP+FlrPeAMZZfISuZ4lyoS0LY28bqEI"
    "kXSzxaQgpzJsTjdmiEY62tIdbYEKtrPNq2lXmRzF7bihWbXdG+QuamlM3AprZPfLbUfcr8"
    "GHXqnCtPR4d62kmXjW5JQIXVdSXUH0GXiWdQAqOaX4phTKA6bYx4bZ6/6iM/9XGrKZngCu"
    "XS9Esd24VwO8yrHvRT0rSTjTqztXa79rTCaJrM4qLTnSklM/nV5acl4i12W+kIyZriucMm"
    "Z6G6gyZlrsmOlDGXOil76yL7mL3wubetkd41Laiq08tA5kFPLALSwtQNICJMq2kdECJFDA"
    "S42AFFywFjbiRbJ4fyyW5rCXwGUi/0wfipnDIpSSyyJzeU4wJN+V4Zjhl30L0zTAmxCN9D"
    "07zRDpe3bKjfSlTbIOVbMtjNKu/BK5LiMED2FUlpZ6aakXEU5pqd8GqrTUi22pl/Gslcez"
    "HiYvviZQ7zm92wGL6RfyYUxzBwX82rMPKLijbHP5F5bunkO7exyoEjhny5z2aYXOm74YXl"
    "93B5NzhRyNK4jwHRp1b4Yj8mAE14bprIXD50zzKqlnY8SOxdSr2UVbfaLFqp3RqPel0z9X"
    "+uR9lI5pao9Av0Pdzqj/X/Wye9MZTW5H3XOlC0z9WbmEa2Bi24R3aDBUx5+GX89p5Ybxku"
    "ioBfh20s7At5M2l2+0SVrAXqAtmXw1DBGDx/yg9BCJyPujsJHprnhQcEMMiCs04neIJPDo"
    "v0rmTbFzMel9IfudS32HLrv97qR7eU62PsehKMrxtNbBFFq5ix9HyKQBMIoq/E7g0VBeVG"
    "NkEtUfDIVfGqrLQzQSMFi4NHeYWCIsTLGARuIZtzVkxTROJ/0B6f6AAK9S7KuR6+7rCe9W"
    "K2t8hm03YFdf6ELMLaHkOhfRc6kcfONR+A3FmXWiS0eMII6Y/boa4iV4mV4HRp3eNAcEs0"
    "5wxc4I55rXfL4IWbZ1x7Kt/Dt5txt4drqWtyrXw6j7pdf9eq64txbcoaveoNPv/d4lw3vF"
    "3sWw7kyXACGos3nBC4QOSERmgTCRsjhXGDKuOAC5xsBKBwwf+noGo2YJQTaJyLDWiPyZ2y"
    "AdpZP6vTScSMOJCPDuwXASLPYqdc66whvfGcUqgdCxZxpOqX8Qaj9KVzYB7anqxqICJTMa"
    "qkrkDKfuQXwi+88t+/5POHVvFXH/pB3y6aQftMVLUUt/brdPTt61j0/O3r89fffu7fvjQD"
    "9NNqUpqh96H6muGhFltiuv+eXNxsqZNZErMwX6kM0gv+84RCMdcTLH6SUI6Y2crKETOKul"
    "JkTSQHNN+fGyIckmP8rsadsEoMu3i4Gpn2KTFeQNhQQ4A8D3cE6UyCTA/xkPB2yANxRxIV"
    "CbYuV/iq5Z9fXOs3ClUEQEv0RccDwEOLZH0wHiccFgjlk5qHzYAwKJenHUefkp/Pj3HXNS"
    "isVgt6qHu7Tg94S18FDGlhFcUZDNMcTYKYbDNLkkeh2lG15Mr79qhQn2aYCR3vwqvfk22l"
    "wT/wThA7OO5HgFdJ0LNWeI6u7ION4v9iftd2cB7PSfNMTH151+P3k3RhijpWEzTsLsGPv0"
    "1QH8pmYIuze17ILxZgQ5jcOpL9YU6ORrq450ppKVzgiQSEeZM0R1MLfFh9mNPFJn2gJauN"
    "B+wR6hOpB/rhvIxbYM3hhy0wgBvYZOdUbVA4tOxjzXbvHIK9wxToUW7kK1Mw1zYZDzC3mb"
    "a/47zlJGqA7vs+M9z+rSAF9SvU3XiNBQAGs2cYV79FldYLaQYfwNC0CcJKxQaG7XBV5HHF"
    "sQhb4IxGzi5ugmpaEs66/yoa5nyCsjNEH4e70OaswqMSYzj5U1Q83GIYITg/zIHFe4Q8VG"
    "EVhQ/s1KJVmvW6lW66zW6j1Yqb9FA1ODTCZoaoYX71fUiC3D/2hbFeF/jc9dux2Mbz9c9y"
    "aT7qX6tdv9fK7ErfN3KNynS5ZyvzPpDQfRnp6Vjox6h266g8ve4KPq58VFFfJN+yZPzu/h"
    "58vdoavh6OOQfOJAvegPLz4PbyfkCwe6prOWDRvfofGn3tVEHX7pjtR+j7zjueKmhxuPRB"
    "l1dKVWtum254AYb9kzpxLPjOFTiDyBCsZpvDk+zpLdeHzMT2+kbXWI66p006wAZAywzcly"
    "zFawza762pWpDoia4zM/e0XRfoeI85fnikdPNhunwKjlVBe96vT6tHEONJ22fex86aq3N+"
    "fKAjxC1V4X2XbKT/kFZLtcrVlZqel26jBdhar5fmWJMmzT3lwokocaoWygUl5fJTyZH0DX"
    "eAEeh8jkpWEi8/cApRAE4+a+Bd7KKiG8MFx1YGEVmiarxBI/SjNKJSM1c5cpdg1FKliQNy"
    "hwMDDI5QEh9AEh6400zPmSpd6IaM4XcRd0jnQ7WcSlmloj8n6xELSl3y8mq4w0psqIUx/3"
    "SgeLFtN3uGk+Snceup6GOekpk1yaleRy0GuaqnL9DW+6A/WmM56o5Mi59N1nxhoidU3VxU"
    "24oRguNLrQFoVE8ihlA0XymojgmTQvMpShPxbic4xUati14PN9Xn0rSSkrnAhzz4hYgsJe"
    "FK3Q/KtSGRBzpmbQBeKrtYRa91uvzcgdn5n10gwh53cJd2aUqWD1jYWGWkzlym06SlesdN"
    "pJ6lTN0qngCmi5HK4BQTla1GHBjehG7bdZyhSRXlztyGmLpYuQU8T5OwfEYZpSnK8CgVx+"
    "KSiiFVtPBtkel8Ba5oE5QSiyXaDwnH6baU6/TZnTb7mI0+CLYro/ZwhpBBBaOZTuV/6ya6"
    "77lR5HObXWEIlUWsvKerMtVum93CpVUSeXCOBv1ahCE68ihWqyNA2MHch4ilXQ5SiDgqVi"
    "r3c2Tat15US6K65ypqyhqTgS+pHytHQ0LMUwFWRgRcMKkXMUgBQwnRo2wsory1BID4W+io"
    "Khrlu045Kw4afXcd/CHj9mB41QKi/7UF74yiLNqrDNfJVIQiSNKadTXskGsiaIVESWCWse"
    "p4tUcVrpVxFNdN7p3C/zoJoYDxBdgZWmc25wCXfYckhh2lWd075aBZeF5rIG8gXSQ8iirV"
    "/mNnLKeivOJ9Efp7+2hBNP03b8qW2aNGDoT6zlOWdjZA00rMi7FKVyXcpdigYuyPUopTz9"
    "RTv9Y0UqjYeCwTNhSsnlOnA5LU4xncs7xigKxtt9hx6KY5gUdxEVj6dhmxtlVP3RTibHCr"
    "W+G8/HNoIWxC2m3hftcpSu+QU+O5P2Fkz1k4EgOwaCuHp9Xh96lKpxVtXytTz4fa2R9VNA"
    "EoxSNlDLa5IoSA6FQiViLSnq14K/0ljD30Gba6yRCodUOKTCwc/ghWRz42gaXtvRltxdp9"
    "cBVYu8obo7hem+BMmXr3A8At1mYM2vlhQQNMKdlHYs7qNUkpRYXorEIkzYQQea2nTJPg+8"
    "ti3nAdj0kpamypbDni1Nj9C0ct6OHiJpxOZfQZIGXVY5EPa6NxDdvdTbJp+ImVWH+Dehh0"
    "h2ugtdNLRTwC3tMvSDHmk//g96lYzG"
)
