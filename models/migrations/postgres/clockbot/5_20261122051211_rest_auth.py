from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_throttles" (
    "email" VARCHAR(254) NOT NULL PRIMARY KEY,
    "failures" INT NOT NULL,
    "locked_until" TIMESTAMPTZ
);
COMMENT ON TABLE "login_throttles" IS 'Failed logins per email, whether or not it has an account (so the lock tells nothing).';
        CREATE TABLE IF NOT EXISTS "secrets" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
        CREATE TABLE IF NOT EXISTS "logins" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "username" VARCHAR(64) UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "password_changed_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "token_families" (
    "id" UUID NOT NULL PRIMARY KEY,
    "current_jti" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "rotated_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(32),
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "password_resets" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "secrets";
        DROP TABLE IF EXISTS "logins";
        DROP TABLE IF EXISTS "login_throttles";
        DROP TABLE IF EXISTS "password_resets";
        DROP TABLE IF EXISTS "token_families";"""


MODELS_STATE = (
    "eJztXftz2rgW/lc8/HK7M9xOSh7tZnZ2hiak5ZZABki7d5sdjwICvDEya8tJs3v7v1/JD/"
    "ySjWWMI7v6JQ9LR5hPr/Odc3T0T2umG7OHewO/vjDWG4CeW+fKPy0E1pD8kSxsKy2w2YSL"
    "6CMM7nW3vlNNg5ZT8d7CJphhUrAAugXJozm0Zqa2wZqByFNk6zp9aMxIRQ0tg0c20v6yoY"
    "qNJcQraJKCr3+Qxxqaw2+kce/fzYO60KA+j7yyNqef7TxX8fPGeXZ727+8cmrSj7tXZ4Zu"
    "r1FQe/OMVwbaVrdtbf6aytCyJUTQBBjOQ1+DvqX3lf1H7huTB9i04fZV58GDOVwAW6dgtH"
    "5Z2GhGMVCcT6I/Tn71Xi1UTVWHo6k66U1VtcWB3cxAFHcNYQrUP9/ddgNAnKct+gEXH7vj"
    "V8dnPzkQGBZemk6hA1fruyMIMHBFHdADlJ3fCZwvVsBk4+zXjyFNXrQIxv6DAORggPnw+Q"
    "AdANLWGnxTdYiWeEX+7RwdZWD8uTt2YCa1HJwNMiPcuTL0ijpuGcU7wNfSwexBxRCsVdaA"
    "Tgc6IVgIcW/McgzqyuA+7uRA+7iTCjYtimKNtTX820Bc4zks08AxfXaSA+Szk1SQaVEUZO"
    "MRmhQ0Fa/IKrMySKtrDdnY3SqisPcRZqOe3UisH8g3O1Q/dE6Ojg7VD0v6Ev/uvDl5e/Lu"
    "+OzkHanivOj2yduMrukPpzHcZyakX14FOInzJSmhcLLBjkrGwJ17oq/9P+o45MkXnI+Q/u"
    "ytZxm4TvvXvcm0e31DP25tWX/pDn7daY+WdJynz7Gnr85i02PbiPKlP/2o0H+V30fDXnz7"
    "3dab/t6i7wRsbKjIeFLBPLT0+k991L5TjWjxENqt6YN7shs8AXOuRkqC4bGG63toWittw5"
    "iH7z3hq09jqAMH3uRI2KqI19umajgWvvuj338ajInQprzSFnhvnCa0laZCRJcCawXh/jBN"
    "/ZaaCpUJ1/T1zL2RGnsNNQkounYZHSNtNYsWJTFVLYgx+eAMbEcITg3ygwfhSahVTg1aZK"
    "DXnXUM6DVAYOm8JW2OCrOWeaalILoNZBkLYntPueaCry3bcqfEzDNd/LGPBSFVJWWSLIbq"
    "6Y2H/SwHh1SGStE70w0GpqGnEKwestcOtn3yQgDNYAJjX7Y6otUClmXMNNIqp1mm1Z1MRh"
    "d9ogKeK9s27tDk9qY3/tyfjMbnimVvoPmoWYbz9rzM7M1ZDmb2Jq56BsyMFsUYgjs/mHaG"
    "dMNZVKpMA5oYK2Uhe1kAKl18OBENiUg4CZwJPhNFNwntlWFCbYk+wefEcpK2sd9ajVKbyG"
    "MTPG23tPCQIt9+DnWI3WW3O7noXvZarHWgFFxD7oKGQhtd/9jophNwLvWWW0VzRjVTOfPH"
    "e5ZaRgfNQRSyhGnafeAP0r30M+nhkR6eenl44BpoOg/AW4FSPDpiAXyax99AaqUDfJrwOE"
    "i3TgVunY2pPWo6XBbmdpEGmkbw7lD38ro/JDXnaw2JQfcE8ywLNT/K9y1HVRxutNM5oUSb"
    "gbZ0dqZDL52d0tkpnZ3S2SmdnYIDZRn6I9mJFjrIcl9yTL8r0lL9dIV8M9B4gEhdgLWma6"
    "xIMs5ZSFu7oo01yXIZ5WuEszwZZIsk46yEdevGa25MW2sSZgXjD3Rj6fK8/WMOBn5TDZm2"
    "3FZsV3VgmrG3WkWWHTtQYA56EOFr2MtiYWBi1aEIf0j79Yvar53uV+eehYeHC0YlG8gFa8"
    "L9fEwS5C9CU4IZx9vNEUnZzUJ3M0TzQp0cliuhi8XcbBvRw8hgngWZwm8pkXdbgQq9Bi+w"
    "BU57v00jfegbQF9dd3/7KdKPg9Hwg189ZDC9GIzexwylGtKwBnQVrA0bsYylcKatgZ6ikS"
    "SE4zPLlX7ttXKo3jjUEZyMzrjsXfSvu4NXbzpt1y5NkNfcqA+/V04Snt6FhopCHRfdG+j6"
    "LGCFoJ5riwU0oedo5AA6Kihh3gGzE+tUxM8SlZQ7ssg7svSmpXZzw7xpkcjlzbxgr0clZa"
    "+L0uuMyZ6wC8tDAPIQgIhwykMAu0CVhwDqeggglByD+hYcO9XeHrkewubz1G+pIbjHTIHk"
    "G6op5iI+sIYGri/HKM1pufDiA/b3WTYx3IDbbxnE8jB9l5FQnyz/ZTS66NCno9u+Q8Txe8"
    "XP4nyNLXXhqm0l6QK1KAmQHtAX9oAGnZRAmzK5LLdYHu9nfTcYpiGMsLB48PZ2KDPx2+Fa"
    "tJpLhOtLfJmexSJdHBKTHSx0B68M27RUy75fa7iYYYvdgjRei9/rJnzU4NMenR5rQPa5yH"
    "1uzVZwbutwr8me2ojse5H73vGUa38X6vK4rOxpkXvahNg2EemsBwJmsqvTj1QmBJt3pLL8"
    "48Jb0PinVUxUzqpazCoTAstgnGFID8RjiMqQPO6QPBltkb7G1dPvLqMtfsRel9EWLxRtEW"
    "jx97zIMkT3gLc+WgoHujFzCDfEafISZxbOge2hINCMBiTSKcyGG+KkpMT2+y5LHDfKWW1I"
    "vGWkoYw0rBhUGWkodqRhthpR5QAWc43dCXKq6hTBm7yNMrwdDFiAh/RbiXdOvJOcIAfcTO"
    "VAQr4T8iylKgfsYaIs0d6JNsOukAPkEL2QGO/EOEnGUiDOE4hfZVR5XVSR2MnfmWaRhtU1"
    "tCyw3B+sS6/Ba7e9JuHGFY7PHWYeOujBjDOPHgTJCjR3D1RsT5/sjDRvdUMprv9lKYapAO"
    "SmuCb/Oe0oC/eh0/RrZWh4jwFWgK4rawiQpdzR6aY8GeYDnN+1XrdiaB/wY9jXU/hJxSyi"
    "lsySMfBc0ezyvrA97wvzOiEBbL6s8oG0yFn8WzXKGi9Omi0x9ZQauiWZsfAyy1aje1hGma"
    "QvofWMN5BRJj9ir+eJMiFlK4PXLRQRkm62mBbkZIbldGOGZKSjLdvRtqVge9u8mnbvRDtu"
    "xw2Nqt3eIHdSS2PiTlgjqx+3HfGwBh/HrMg09fgGxywjz9ayeeBk6NusBUE6ACyTob90Kg"
    "AHqgTO+WwpvqzQlpSL0fV1bzg9Vy6M9RoifIfGvZvRmDwYw41hYjGsKGlnK/J1xJ7HK6pZ"
    "klsDovmq3fG4/7k7OFcG5H2Urmlqj0C/Q73uePBf9bJ30x1Pb8e9c6UHTP1ZuYQbYGLbhH"
    "doOFInH0dfzqktd7Iiem2BfpP3yomhBwrOlxjGEQNhyMrRnH72KSQi8vpYSnce4tSTqx4U"
    "XBC3whUeN+sSTeCR/9LYi2n/M1nvXOk7dNkb9Ka9y3Oy9Dn5kEXZnjY6mEGLOxw6IiaNBt"
    "+lGaapZphG4hnnbHkxjctJ81a2eWuLVymWmCbeGdqO2WPiI2y3qat6E6KYS4K0IEoLYtyC"
    "GI+1YxoTGQF5WXZFZkBgxTZGJ58Ln4lRxmftGZ+VnnxnN2/bK/9OVRbFce9zv/flXHGPJ9"
    "yhq/6wO+j/TkicH9UtBmmbrQBCUGf3RYrRIhARuQvyj/UIxGcnOSA+O0mFmBbF9GNGlHM6"
    "urjiS+lqDKy0q6ZDX8+4lDzRSCZRGTYaRLx0My4n6abk8ZLHiwDvAXj8drJXyTnrCm98Ze"
    "S9ieawtLNrzzXsHEdqMRlnqLydTTYBranqxrICkhk9cU+vs6AXXcQHsv/csu//hDP3+JD7"
    "J63Ax0nfa8sfhZb+3OkcH7/tHB2fvTs9efv29N3Rlp8mi7KI6vv+B8pVI6rMbvLKr282Vs"
    "+siV6Zy39PFgN+R1tIRvqFYvRMpilspJLeyMEa2oHzWmpCIg0015QfBhfSbPhRZg/bJgBd"
    "vl0MzPy0CXlBDiQkwDkAvocLQiKTAP9nMhqyAQ4k4kqgNsPK/xRds+rrLGbhSqGIKH6JcL"
    "94ZF9sjaYNxMP9wAKzUumlw74VkKgXR71ISn+ZyZ8rpjVhLXwpY8sYrinI5gRiTEBxv2rC"
    "5JKo1c42vJhefdUKCxzSACO9+VV6820U5IN7gvBhDhipxyZroOupUKc0sRv7staPo8Nif9"
    "x5e7aFnf6ThfjkujsY+LCzYabJD/fB2JevDuA3NUOYLFk263BBfoyDFuQwDqeJsWZAJ19b"
    "dbQzlcx0RoBENsopTVQHc0d8mN3II3WuLaGFC60X7BaqA/nnuoFcbMlIa0MuGiGgNxDNyU"
    "d56X6dwchYNVIxThOvcMU4EVq5CyXpNcylQfYv5C2u7oDkATujherwPjs68KguDfAV5W26"
    "RpSGAlizhStco8/qArOFDONvWADipGCFSnOnLvDKJGHpUNczGJPhNBf+KroXNbOUGC3IY/"
    "/LcSnKCMGpQX7kjnjb40oUEbqglAtRDmFXbWXaU/PaUQ9gP/0aDZncnrGBpmbM90tmLQPT"
    "aFkVgWmNP1V1O5zcvr/uT6e9S/VLr/fpXInbje9QuE6PTOVBd9ofDaM1PfsRafUO3fSGl/"
    "3hB9U/sRWlikF5cILLr+Gf5LpDV6PxhxH5xKF6MRhdfBrdTs+VgAU5c9mw8R2afOxfTdXR"
    "595YHfTJO54r7jla45HQJEeLb+UbbgcO1fCmPXMopRFsX0LkAVQwguDN0VGec3dHR+kH72"
    "hZHSKOKl00KwAZA2ynnL/LlyHIrvg8Htn5AaE5fufnT2E36BJ1/vJc8eTJYuNktLOcdHZX"
    "3f6AFi6AptOyD93PPfX25lxZgkeo2psiy075h1EBWS7XG9Z5yWwLaliuQm5+WF2iDKupNx"
    "aKnJCMSDaQlNeXhCcj1+kcL9DHITF57YLI/fsCh/QF681DK7yVndH/wXDVgYVVaJqs5D/p"
    "8YNRKRlDyJ0X0zUUqWBJ3qDAxsAQlxuE0BuEzITRMOdLnkwYojlfxJ3QHAfBZHqRarJgpP"
    "qqCuRn2MNbJQa0pfirZP6LRua/cBKJXulg2WL6DoPidrbz0PU0LEhNefyiWccvXvRekKpc"
    "f6Ob3lC96U6mKtlyLn33mbGBSN1QuhgEwonhQqMTbVlIJY9KNlAlr4kKnot5kaYM/bFQP8"
    "dEJcOuRT/f8/KtpKTMvSHMhQxiKQoHIVqh8VclGRBzpObgAvHZWkIW9p33C3DHZxa+oFSE"
    "8V3C5QJlEqyBsdRQi0mu3KJ2NrHSaSXJqZrFqeAaaFwO161AOSzqZcGNcKPOaZ4EOqRWKj"
    "tyymLHRcgu4vzNAXFYphTnq0Agl5+kiLBi68kgy+MKWCsemBOCItsFCo/p01xj+jRjTJ+m"
    "Ik6DL4px/5QmpBFAaHIo3a/p06657le6HXGy1pCIJK1lnXqzLVZSOG5KVdTJJQL4OxlVaO"
    "BVRKimK9PA2IEsjVhtq7RzECwVe7XzMa3WlRPprrjkTNlAU3E09LbytHIYlmKYCjKwomGF"
    "6DkKQAqYzQwbYeWVZSikhkJfRcFQ1y1acUW64afXcd/CAT9mD0YoycshyEs6WaSnKmyTL0"
    "dGSKQxiV5KSyZA5wTRisg0YY3jbJUqLiv9KqKpznvt+2VuVFPjAaIrsNb0lLtFwhV2bFKY"
    "VlUXtK5WwTWWXNbAdIX0JXTR1i8LGzkJpxXnk+iPk19bwqmnWSv+zDZNGjD0J9Z49tmYWA"
    "MNK/KWP0muS7nlz8AFez0qKXd/0Xb/WPpE46Fg8ExYUvZyHXo5K04xu5f3jFEUrG8PHXoo"
    "jmFS3ElUPJ6GbW6UUfXtvUyOFbK+G8/HNoYWxC0m74tWaWczv63PzqS1BaN+MhBkz0AQl9"
    "fz+tCjUo2zqpbP8uC3jUbmTwFNMCrZQJbXJFWQbAqFUsRaUtWvRf9KY036CtpcY40kHJJw"
    "SMKRfoIXksUthWl4Ze0dZ3edWi9ILXhDdfcK0/0RNN90wvEIdJuBdXq2pK1AI9xJWdviIV"
    "IlSY3lR9FYhAk76EJTm63Y+4FXtmM/AEEtaWmqbDoc2NL0CE2L897ukEgjFv8KDmnQacWB"
    "sFe9gegeJN82+UTMzDqUfkd3SGSvW7pFQzsD3NKu6X7RLe37/wFrzgaU"
)
