from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "reminder_settings" (
    "id" SERIAL NOT NULL PRIMARY KEY,
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
    "updated_at" TIMESTAMPTZ NOT NULL,
    "company_id" UUID NOT NULL UNIQUE REFERENCES "companies" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "reminders" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "period" VARCHAR(100) NOT NULL,
    "subject" VARCHAR(100) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "claimed_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "channel" VARCHAR(32),
    "ts" VARCHAR(32),
    "last_error" TEXT NOT NULL,
    "remind_again_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "company_id" UUID NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "recipient_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_reminders_recipie_7445bc" UNIQUE ("recipient_id", "kind", "period")
);
CREATE INDEX IF NOT EXISTS "idx_reminders_subject_c08076" ON "reminders" ("subject");
COMMENT ON COLUMN "reminders"."kind" IS 'UNSUBMITTED_WEEK: unsubmitted_week\nUNSUBMITTED_ESCALATION: unsubmitted_escalation\nPENDING_REVIEW: pending_review\nPENDING_FINALIZE: pending_finalize\nFORGOTTEN_CLOCKOUT: forgotten_clockout\nSHIFT_OVER_LIMIT: shift_over_limit';
COMMENT ON COLUMN "reminders"."status" IS 'CLAIMED: claimed\nSENT: sent\nFAILED: failed\nGAVE_UP: gave_up';
        CREATE TABLE IF NOT EXISTS "shift_flags" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "reason" VARCHAR(32) NOT NULL,
    "flagged_at" TIMESTAMPTZ NOT NULL,
    "resolved_at" TIMESTAMPTZ,
    "resolved_by_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL,
    "shift_id" UUID NOT NULL UNIQUE REFERENCES "shifts" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "shift_flags"."reason" IS 'OPEN_PAST_HARD_LIMIT: open_past_hard_limit';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "reminder_settings";
        DROP TABLE IF EXISTS "shift_flags";
        DROP TABLE IF EXISTS "reminders";"""


MODELS_STATE = (
    "eJztXW1v2zgS/iuCv1wXyBWpk6Zd43CAGiutr44d2Eq613ohMDZt6yJRXr2km+3mvx+p9x"
    "dKlmRLkVR+SWuRQ8vPkNTMM8PRj95S0ZYP95r5+lJTdwA99Qbcjx4CKsT/STaecD2w24Wb"
    "yCUT3CtOf7ubDA27471h6mBp4oY1UAyIL62gsdTlnSlrCF9FlqKQi9oSd5TRJrhkIfkPC0"
    "qmtoHmFuq44dvv+LKMVvBPPLj7cfcgrWWorCK3LK/Id9vXJfNpZ1+7vR0Nr+ye5OvupaWm"
    "WCoKeu+ezK2G/O6WJa9eExnStoEI6sCEq9DPIHfp/mTvknPH+IKpW9C/1VVwYQXXwFIIGL"
    "1/rS20JBhw9jeRP+f/dm8t1E2SJlNRmguiJPUKYLfUEMFdRiYB6sezM24AiH21R77g8hM/"
    "e3V28YsNgWaYG91utOHqPduCwASOqA16gLL9bwLnyy3Q6Th7/WNI4xstg7F3IQA5mGAefB"
    "5AFUDaU8GfkgLRxtzij/3T0wyM7/iZDTPuZeOs4RXhrJWJ29R32gjeAb6GApYPkgmBKtEm"
    "dDrQCcFSiLtztsCkrg3us34OtM/6qWCTpijWpqzCvzRUaD6HZTo4py/Oc4B8cZ4KMmmKgq"
    "w9Qp2AJplbvMtsNTyqKiPLdB4VUdhHyKSjnj1ITA/4l1Wlh/756WlVetiQm/hn/835u/P3"
    "Zxfn73EX+0b9K+8yVDOaiDHclzokP14CZhLnIW4hcNLBjkrGwF25oq+9/7RxyuMfuJoi5c"
    "ndzzJwFUfXwlzkr2/I16mG8Ydi48eLAmnp21efYldfXcSWhz8I92UkfuLIR+7rdCLEH79+"
    "P/Frj9wTsExNQtp3CaxCW6931UPtmVhE64fQ05pcuMdPg+9AX0mRlmB6qFC9h7qxlXeUdf"
    "jBFb76PIMKsOFNzgTfRLz2h2rhXHj2Zr93NZgToYfyVl6bB+M0J6N0FSKyFRhbCA+HSfRG"
    "6ipUOlTJ7ekHIzVzB+oSUGTv0vpa2m4WbUpiKhnQNPEXZ2A7RVDU8J8iCM9Doxa0oJsMtN"
    "pXY0CrAIGNfZdkOCJM2+apTEH0MZBFFsSePcelC771LMNZEkuXuvj9EAYh1SSlOlkU09Od"
    "D4cxB1UaQ0exO9MJA11TUhwsAVmqje0I3xBAS5jA2JOtz9HqAcPQljIetSAt0+Pn8+nlCJ"
    "uAA84fY4HmtzfC7G40n84GnGHtoP4oG5p990U9szcXOTyzN3HTM/DMSFPMQ3DWB5VnSCfO"
    "olLHJNCasVOW4ssCUMnmUxDRkAiDE8OZ8Gei6CahvdJ0KG/QZ/iU2E7SHuy3RqfMJnxZB9"
    "/9R1p4SuFfv4IKNJ1tl59f8kOhR9sHjoJrKFzQUWij+x8d3XQHvJB5W9hEs2c11Tjz5nuW"
    "WUYmTSUGWYKadi54k/Qg+4xFeFiEp10RHqgCWSkCsC9wlIhOswB+myfegHulA/w2EXFgYZ"
    "0awjo7XX6UFbgp7dtFBuiag7dA/PB6NME9V6qMmuHuNSyy3Kj1cfzYctTEKYx2uk/I0Kag"
    "zYKd6dCzYCcLdrJgJwt2smBnw4EyNOURP4nWCsgKXxZYfld4pPbZCscJDRfmzpwNi0qe+X"
    "tZFnsWbJuVpj9/C3O72LXSTck2TH5nrNmLsma2+qWV61cWsUCjkh20QFticXqYJEzOiHEU"
    "rLiiao5IMjU3Ws0QrUopOSx3BBU388ncCQ0jjZqBLsI/U/J9fIEaucoXeASKwm9iRIce7f"
    "Lqmv/tl4gex9PJR697iKa5HE8/xOgZGcmmDBQJqJqFaBQNXMoqUFIskoRwfGU50q/dUarS"
    "RlWJ/xnKGAqXo2t+/OpN/8RhwzDyshNr9rRynogvrWVUFuq46MFAt2cDKwX1Sl6voQ7d8E"
    "YBoKOCDOY9MNsZFmXY3agkeyI3+YnMOPxUNXeMw4/kS+5WJbUelWRab4rWKYs9QXay1GOW"
    "etxEOFnq8T5QWepxW1OPQ0fySWzB5qkOjjMJyNSfRG+kjuAeowLxL5RS6KJiYE00s70+xt"
    "GOaq7dqOThpzO7GuQsFLcMMgiosctIgkFW/DKa01D1mcwTLyBix73iJwC+xba6cNcTLhkC"
    "NYgTwCKgLxwBDZSUQJt4cllhsTzRz/Y+YKhEGPbC4imj/lSm4rcntGh01xFur+NLjSyWUX"
    "FIjCm40QreapZuSIZ1r8pmOWKLPgIjr5uvdR0+yvD7AUqPDcB03mSdG8stXFkKPGixpw7C"
    "dN9k3duRcvmvUiqPyzJNN1nTOjQtHWFlPWAwk6pOP8iVEOzeQa7jH1L0QSu+rGKibFW1Yl"
    "XpEBgOy5c3EY8iylLyCqfksWyL9D2unXF3lm3xM2qdZVu8ULZFYMXfF0WWInoAvO2xUgqg"
    "G6NDCkOcJs9wpuEccA8lgaYMwJBO8WwKQ5yUZNg+72PiCqOcNQbDm2UaskzDmkFlmYbNzj"
    "TMNiPqnMDN3GP3gpxqOkXwxnfDTW7HYxrgIfuW4Z0T76RPkANuqnHAIN8LeZZRlQP2sKPM"
    "0N6LNoVXyAFyyL1gGO/FOOmMpUCcJxG/zqzytpgisZO/S9nAA0sqNAywORysoTvgtTNel3"
    "CrtjxW6KAHNc88ehAkK9HcOVDhnz7Zm2ne40OFdf9hcJrOAeQU1sWf7HG4tXPRHvo1N9Hc"
    "y8DkgKJwKgTI4BZkuXHfNf0Brha9170Y2hV+Db0ovldUzMBmyTKZA18om529pejAtxS5Sk"
    "gAm6+WdSDd5NrhvRbVqm5Oma1m2iktDEtSc+FZla1Oa5hlmaRvoe3MN2BZJj+j1vNkmeC2"
    "rVY0LBQRYmG2mBVkV4YtGMYMybBAW3agzXfBDua8ulbt/iTO44Zm1f5okLOoGZm4F9bI7l"
    "eYR6yW8LFpRSrV4xGOWSSPz2xWXAzdr1oQlAMwWTH0ly4FYEOVwDkfl+LJNppJuZxeXwsT"
    "ccBdaqoKkblAM+FmOsMXZnCn6WYzWJS0sxU5X7592PGKerbk3hhbvhI/m43u+PGAG+P74X"
    "hdlx+BskACPxv/VxoKN/xMvJ0JA04AuvLEDeEO6KalwwWaTKX5p+mXAeFy51ts15bQG3ub"
    "VTPswIb7SxRyREMmpNVoTj/7FBJp8v54FHVWcerJMQ9Kboi+cI3HzXhsCTwWf1XlpTi6w/"
    "udI71AQ2EsiMJwgLc+ux5yUx5POwUsoVE4HToixkiDZ0bDdJWG6SSecZ8tL6ZxOUZvZdNb"
    "Pl5HYWK6+KbCkxgfE59h+6mu+inEZm4JjEFkDGKcQYzn2lHJREpCXhavSE0IrJljtOu5FK"
    "MYWX7WgflZ6cV39vttB9XfqYtRnAl3I+HLgHOOJyzQ1WjCj0dfsRPnZXU3w2lbbgFCUKHr"
    "IoW0CESarIL8cz0C8cV5DogvzlMhJk0x+5iS5ZyOrlnzS+laDCzjVdOhb2deSp5sJB2bDD"
    "sZoqLuZlyOuZvMj2d+fBPgrcCP9xd7nT5nW+GN74xF30RTrdvJWyvZtI8j9ageZ6j9JNvZ"
    "BKSnpGibGpzM6Il78joL8qKL+ET2rhvW/f/g0jk+5PyXdCjmk36QNz+LW/prv3929q5/en"
    "bx/u35u3dv35/6/mmyKctR/TD6SHzViCmz33ktbm921s5siV2ZK36PN4PigbaQDIsLxdwz"
    "Vqawk0Z6Jydr6Amcl6kJiXSQrjl+GlzIsimOMn3adgHo4/NiYOmVTcgLciDBAM4B8D1cYy"
    "cyCfB/5tMJHeBAIm4EykuT+5tTZKO9wWIargSKiOGXSPeLZ/bF9mgyQDzdD6xNWim9dNh9"
    "AYZ6edTLlPRnlfwL5bQm2MKXIltmUCUg63NomhgU56cmKJdEr5Ns4kV3+0tGWKBKAoZF8+"
    "uM5lsoqAf3HcKHFaCUHpurQFFSoU4ZYj/2x9o/TqvF/qz/7sKHnXzIQnx+zY/HHux0mEnx"
    "w0Mw9uTrA/hNyxDGW5ZFO1yQH+NgBDaNw2VijCVQ8M+WbOtMwiudkiCRjXLKEPXB3G8+zE"
    "7mkbSSN9AwS+0X9BHqA/nXtoFcbstIG4NtGiGgdxCt8Fe55X7tyUjZNVIxThOvccc4b7Rx"
    "FyrSq+kbDT+/kLu5OhOyCNgZI9SH98VpxbP6aIBvid+myNhoKIE1XbjGPfqiLTAbSNP+gi"
    "UgTgrWaDT32wIvKxKWDnU7kzEpQfPGv4ruRWmWI2YLFuH/crwUZYqgqOE/uTPeDnglShNU"
    "cJQXolTBq/Yy+dS8PGoF/Om3aMqkf8YG6rK2OqyYNUtMI211JKZ1/lTV7WR+++F6JIrCUP"
    "oiCJ8HXJw3XqBwHwEv5TEvjqaTaE+XP8KjLtCNMBmOJh8l78RW1FUM2oMTXF4P7yTXAl1N"
    "Zx+n+Bsn0uV4evl5eisOuMALsteyZpkLNP80uhKl6Z0wk8YjfI8DzjlHqz1iN8m24nv5pl"
    "vFqRrusqdOpTQH25No8gQqmUHw5vQ0z7m709P0g3ekrQ0ZR7VumjWAbALTSjl/l69CkFXz"
    "eTz85AfYzfGUn7+E3ZjH5vxwwLnyeLOxK9oZdjm7K340Jo1rICuk7SN/J0i3NwNuAx6hZO"
    "3KbDvHP4wK8Hap7mjnJbMZ1LBcjb55tbbEMVhTdy6UOSEZkeygU95eJzyZuU7WeAkdh8TY"
    "axearN8XOKTfMG1WbfDWdkb/J8NVAYYpQV2nFf9Jzx+MSrEcwsJ1MR2iSAIbfAclHgwUcf"
    "aAaPQDglXC6FjwJU8ljKYFX5q7oAscBGPlReqpgpEaqypRn+GAaFUzoD1KvIrVv+hk/Qu7"
    "kOiVAjY9auwwaD7JDh46kYY17smOX3Tr+MWLvhekrtDf9EaYSDf8XJTwI2fohc+0HUTSjr"
    "iLQSJcM0JoZKFtSpnkUckOmuQtMcFzeV54KE15LKXnmCjzsFuh5/ui/lZSktXeaMwLGZpl"
    "KFTiaIXmX53OQDNnag5fIL5aj1CFfe/7BQrnZ5Z+QWkT5vcRXi5wTAeLh7q83PboxQWdtp"
    "M9hQWDXsyrqmsyVe1VPULdKFhGJyTSZF+qZHSw//ZtDicJ90r1kuy2WMrPblcEYbd7B9Gt"
    "JP0t9ZWE6SVz0l9JWKxoTtPQrqNqzouWcXn+P/iK+4o="
)
