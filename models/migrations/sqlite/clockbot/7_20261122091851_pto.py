"""PTO entries (models/pto.py), and by hand what aerich cannot express:

- at most one live PTO entry per person, company and day (`pto_one_per_day`);
- a finalized week is locked for PTO too: no entry on a day of a finalized timesheet of its user
  and company may be inserted, updated or deleted. Dates are ISO text here, compared as text.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "pto_entries" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "minutes" INT NOT NULL,
    "note" TEXT NOT NULL,
    "deleted_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "company_id" CHAR(36) NOT NULL REFERENCES "companies" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_pto_entries_user_id_da4400" ON "pto_entries" ("user_id", "day");
CREATE UNIQUE INDEX IF NOT EXISTS "pto_one_per_day" ON "pto_entries" ("user_id", "company_id", "day")
    WHERE "deleted_at" IS NULL;
CREATE TRIGGER IF NOT EXISTS "pto_week_locked_insert" BEFORE INSERT ON "pto_entries"
    WHEN EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = NEW."user_id" AND t."company_id" = NEW."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."start_date" <= NEW."day" AND NEW."day" < date(t."start_date", '+7 days'))
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "pto_week_locked_update" BEFORE UPDATE ON "pto_entries"
    WHEN EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = OLD."user_id" AND t."company_id" = OLD."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."start_date" <= OLD."day" AND OLD."day" < date(t."start_date", '+7 days')) OR EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = NEW."user_id" AND t."company_id" = NEW."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."start_date" <= NEW."day" AND NEW."day" < date(t."start_date", '+7 days'))
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;
CREATE TRIGGER IF NOT EXISTS "pto_week_locked_delete" BEFORE DELETE ON "pto_entries"
    WHEN EXISTS (SELECT 1 FROM "timesheets" AS t
        WHERE t."user_id" = OLD."user_id" AND t."company_id" = OLD."company_id"
          AND t."finalized_at" IS NOT NULL
          AND t."start_date" <= OLD."day" AND OLD."day" < date(t."start_date", '+7 days'))
BEGIN SELECT RAISE(ABORT, 'week_locked'); END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "pto_week_locked_delete";
DROP TRIGGER IF EXISTS "pto_week_locked_update";
DROP TRIGGER IF EXISTS "pto_week_locked_insert";
DROP INDEX IF EXISTS "pto_one_per_day";
DROP TABLE IF EXISTS "pto_entries";"""


MODELS_STATE = (
    "eJztXWlz2zYa/iscfdl0xutx5COpp9MZxZYTbWTJI8lJt3GHA0uQxJoEVRK043bz3xfgIV"
    "4AxUs0SeOLDwIvRD0vjvfGP525qs8f7nV8eKFrG4CeO+fSPx0ENEj+iDceSB2w2QSb6CMM"
    "7lWnv91Ngabd8d7EBphj0rAEqgnJowU054aywYqOyFNkqSp9qM9JRwWt/EcWUv6yoIz1Fc"
    "RraJCGb3+QxwpawO9kcPffzYO8VKC6CL2ysqCfbT+X8fPGfnZ7O7i8snvSj7uX57pqacjv"
    "vXnGax1tu1uWsjikNLRtBRE0AIaLwNegb+l+Ze+R88bkATYsuH3Vhf9gAZfAUikYnV+WFp"
    "pTDCT7k+iPk1/dVwt0k+XReCZP+zNZ7mTAbq4jiruCMAXqnx/OuD4g9tMO/YCLT73Jm+Oz"
    "n2wIdBOvDLvRhqvzwyYEGDikNug+yvbvGM4Xa2Cwcfb6R5AmL5oHY++BD7I/wTz4PID2AG"
    "lHA99lFaIVXpN/u0dHCRh/6U1smEkvG2edrAhnrYzcpq7TRvH28TVVMH+QMQSazJrQfKBj"
    "hLkQd+dshkldGdzH3RRoH3e5YNOmMNZY0eDfOso0n4M0LZzTZycpQD474YJMm8Ig64/QoK"
    "DJeE12mbVORtUUZGHnqAjDPkCYjXryIBE+kG+2Lz50T46O9sWHFX2Jf3ffnrw7eX98dvKe"
    "dLFfdPvkXQJrBqNZBPe5AemXlwGO43xJWiicbLDDlBFwFy7pofdHE6c8+YKLMVKf3f0sAd"
    "fZ4Lo/nfWub+jHaab5l2rj15v1aUvXfvocefrmLLI8toNIXwezTxL9V/p9POpHj99tv9nv"
    "HfpOwMK6jPQnGSwCW6/31EPtB5WIlg+B05o+uCenwRMwFnKoxZ8eGtTuoWGulQ1jHX5wia"
    "8+T6AKbHjjM2ErIl5vh2rgXPjhzX7vqT8nAofyWlniwjhN6ShthYhuBeYawuIwzbyR2grV"
    "ButFMbpxhmgjOgbU6OsZhefRxB2oTUDRnV3v6ry9PtwUx1Q2IcbkgxOwHSM408mPLAhPA6"
    "Nm1C/qDLTW1SJAawCBlf2WdDhKzDoEmXaU8CGZZEqJnMzlGlO+dSzTWRJz17DzRxH7Cldg"
    "Z6qgDMHcnQ/F7Cr7FBVLkcr55hRDVznqZx9Zmo3tgLwQQHMYw9ijrU4N7QDT1OcKGTWj0a"
    "rTm07HFwMiIJ9L2zHu0PT2pj/5MpiOJ+eSaW2g8aiYuv32WfXWt2cp9Na3UcHc11tpU0R/"
    "ctYH0wrDNyuGqco0L9Zjp8xlTfRBpZtPRkQDJAJOAmdM2wujG4f2SjegskKf4XNsO+Ed7L"
    "dmq8Qm8tgAT9sjLTilyLdfQBViZ9vtTS96l/0Oax8oBdeAM6Wl0Ib3Pza6fPNEJvE2s4hm"
    "z2qmcObN9ySxjE6avQhkMcO988CbpIXkM+H/Ev6vZvm/oAYUNQvAW4JS/F31Avg0jTeG9O"
    "IDfBrzxwinVwVOr42hPCoqXOXW7UIDtE3Bu0O9y+vBiPRcaAqqh7pXM797rdZH+Z73sIiT"
    "GW2+TijQZqAtXMF86IUrWLiChStYuIKFK7h+6AhXcGqgTF19JOf0UgVJzt0Mm9MVGal5kl"
    "S6/Ul/gEheAk1RFVYUYsY9io52RQdrk103vEsRje5JJwIEmWcl7Oo37nATOlqbMMsZnaHq"
    "K0cLLh6RMfSGasmyzWzjdwQrppF/K3MlWfl98W6vSSzfgj4oEwMDy7YC9Yew7r+odd9mv7"
    "xw7V9ZNOUwZQs15YZoxh4mMdU4pMT5Ky4rm0OUgs21ZjNEi1xMDtKVwOJ6Hrat4DDSmXlE"
    "M/idE5e4JajQp/ICR+Cs/9ssxEPPPPzmuvfbTyE+Dsejj173gDn5Yjj+EDEjK0jBClBloO"
    "kWYpmS4VzRgMqRSGLE0ZXlUB+6o+yLG/tK30pgxmX/YnDdG7552z1wrPYEecWJifG4chLz"
    "gy8VlBfqKGlhoJuzgeWCeqEsl9CArhs2A9BhQgHzDpjtSLA8XqgwpTiR63wiC18jl80t8z"
    "WG4ro3i5xcD1MKrteF64zFHrMLixQJkSJRRzhFisQuUEWKRFNTJAKFVahvwbZTFfbI9RE2"
    "nmfeSC3BPWIKJN9Q5piLsoE10nFzdYzSnJZLNz6guM+yjeEGmf2WfqQT03cZCoRK8l+GY6"
    "/2nTt+4DlEbL9XNFPpW2SrC3Y9kOIuUJMqAcID+sIeUJ9JMbSpJpfkFkvj/WzuAcM0hBEt"
    "LBravp3KTPx2uBbN9irCzVV8mZ7FPCwOkAkG15rBa90yTNm07jUF5zNssUcQxuv6c92Ajw"
    "p8KsD0yACC53XmuTlfw4WlwkKLnTuI4H2deW97ypW/c7E8Sis4XWdOGxBbBiLMeiBgxlnN"
    "TziNEbYv4bT8ZOotaNmXVYRUrKpGrCoDAlNn5DDwA/EYpCIkL3NInoi24O9xzfS7i2iL18"
    "h1EW3xQtEWvhR/nxVZBmkBeJsjpWRAN2IOyQwxj17gzMLZtz3kBJoxgECao9lkhjhOKbD9"
    "scsSlxnlpDEE3iLSUEQaVgyqiDSsd6RhshhR5QSu5x67E2Su6BTCm7yNNLodDlmAB+RbgX"
    "dKvOM6QQq4mcKBgHwn5ElCVQrYg4qyQHsn2gy7QgqQA+qFwHgnxnFljANxmkD8KqPKmyKK"
    "RDJ/54pJBpY1aJpgVRysS3fAa2e8NuGWKRw/c5h5INGDGWceTgRJCjR3Eiq22Sc7I807vU"
    "AB8H+Zkm5IADkFwMl/9jjS0nloD30ojXT3McASUFVJgwCZ0h1dbtKTbjzAxV3nsBNBe48f"
    "w768wysqZhKxZB6Pgc8UzS5uUyt4m5rLhBiw6Wru+9R1vuOg06Ca+vUps1VPOaWBbklmLL"
    "yostVqDosoE/4W2sx4AxFl8hq5nibKhLSt9axuoRCRcLNFpCC7MmxGN2aARjjakh1tWxWs"
    "sM2rbbdyHETtuIFZtdsb5CxqYUzcCWto98tsR9yvwYfeDsK09LjXhiSZeDbklKBGEiWliY"
    "cPbMaC6AvwLOoAVHJK8U0plAdMsY8Ns9v9VWf+awqymJ4Arl0vQLHbuNcAvMqx74U9K3E4"
    "k6s7V2u/a00miajOKiw5wpLTPJ1eWHJeI9dFvpCImW4qnCJmeheoIma63jHTL2XMsWPEmN"
    "YcL3osyZyzDVPbsyFnW4LSr+2Ixc12L23PsaGK4ZwuMMajrXVYzMX4+ro/mp1LZI/SIMJ3"
    "aNK/GU/Igwnc6Ia9Fl4+JIZXKCMdIwrWyqhGse4MifAr9yaTwZfe8FwakveReoahPAL1Dv"
    "V7k+F/5cv+TW8yu530z6U+MNRn6RJugIEtA96h0Viefhp/PaeBedM1EW1z8O24m4Jvx10u"
    "32iTKLTxGu0jOsKQdeEW3+YYIKnz/lhbw6MjHuTcELfEFVp8e0QSePReJfWm2LuYDb6Q/c"
    "6hvkOX/WF/1r88J1ufbT6ty/G0UcEcmplz20NkIgIkjKqIqWlRTE0r8YzqbGkxjdIJA1ey"
    "gWuLVynWmNCtEM2Ed6c9JjrDdtu7qo8Hq+eWIMLBRDhY1IIYTZxkGhMZ2ZVJdkVmdmfFNk"
    "a7OG82E6NItiuYbMevpLxbbytUTLkqi+Kk/2XQ/3ouObUm7tDVYNQbDn4nSpyXol8PpW2+"
    "BghBlc0LjtHCJ6kzC9LP9RDEZycpID474UJMmyLyMSOqj48uZkX0CWBZwAq7Kh/6ZoampA"
    "lIMojIsFEgyqpuRumEuin0eKHH1wHePejx28Vepc7ZVHijO2O9Ald61kLBdm2ZDlPjDLQf"
    "JCubgPaUVX1VgZIZDgWid5PSW0ujE9l7blr3f8K5UwvG+ZN2yKaTflBWr0Ut/bnbPT5+1z"
    "06Pnt/evLu3en7o61+Gm9KUlQ/DD5SXTUkyuxWXrPLm62VMxsiV6by35PNILujLUAj/EIR"
    "9UzEkLdSSG/lZA2cwGktNQGSFppryg+DC0g22VFmT9s2AF2+XQzMvRqYaUH2KQTAKQC+h0"
    "uiRMYB/s90PGID7FNEhUBljqX/SapiNtdZzMKVQhES/GLhftHIvsgeTQeIhvuBJWbl+PBh"
    "3xII1POjnud+RnEtY6aY1pi18KWMLROoUZCNKcSYgOJ81ZjJJdbrINnwYrj9ZTNIsE8DjP"
    "DmV+nNt5Bf3P8Jwgdm/ZepBlSVCzVniOoqmxztF/vj7ruzLez0nyTEp9e94TBe0SSIEb3J"
    "ogjGHn11AL9tGMJOfZ0iGPsjiGkcrPlrzoFKvrZsS2cyWemMAIlklDlDVAdzt/4wO5FH8k"
    "JZQRPn2i/YI1QH8s9NAznflsEbQ2waAaA3EC3IR7l3N9mTMUuxNB55hTvGSa2Fu8CNS7qx"
    "0sn5hdzNNXtluoQRqsP77GjPs7o0wNdUb1MVIjTkwJpNXOEefdYUmE2k63/DHBDHCSsUmr"
    "tNgVfUCeND3cxgTIbTvPZ1wl7UzFJitGAW+1+Kak1jBGc6+ZE64q1AraY6sKD8Sk0l2VU7"
    "ifbUtHbUPdhPv4VDJrc5NtBQ9EWxm8lEYBptqyIwrfVZVbej6e2H68Fs1r+Uv/b7n8+lqN"
    "34DgX79MlSHvZmg/Eo3NO1H5FR79BNf3Q5GH2UvYytsKrot/sZXF4PL5PrDl2NJx/H5BNH"
    "8sVwfPF5fDs7l3wtyF7LuoXv0PTT4Gomj7/0J/JwQN7xXHLyaPVHoibZUnwn3XTbc6iGu+"
    "yZU4mnYHsUdZ5AOSMI3h4dpcm7OzriJ97RtiZEHFW6aVYAMgbY4uTfpasQZFWcj0dOfkDU"
    "HI/56UvYDXtEnL88l1x6stnYFe1Mu5zdVW8wpI1LoKi07WPvS1++vTmXVuARytYmz7ZTfj"
    "IqINultmHlSyZbUIN0Ferm+5UlyrCaunMhT4ZkiLKFSnlzlfB45Dpd4zl4HCATNy/Umb8v"
    "kKRfM27uW+CtLEf/leGqAhPL0DBYxX/48YNhKhFDmLkupmMoksGKvEGOg4FBLg6IWh8Qoh"
    "JGy5wvaSph1M35Ut8FnSERTJQXqaYKhrhZJABtKf4qUf+ilfUv7EKiVypYdZi+Q7/5INl5"
    "6HgalqSnSL9oV/rFi94LUpXrb3zTH8k3velMJkfOpec+0zcQyRuqLvqBcPVwodGFtsolko"
    "cpWyiSN0QET6V5kaF09TEXnyOkQsNuBJ/vs+pbcUpRe6M2FzLUS1DYi6IVmH9VKgP1nKkp"
    "dIHoai2hCvvO+wUyx2emvV2glvO7hMsFylSwhvpKQR2mcuU0HSQrVirtJHSqdulUUANKJo"
    "frlqAcLeplwQ3pRt3TNAV0SC+udmS3xe/Ctv/OAHGQphTna41ALr9IEdGKzSedbI9rYK6z"
    "wBwjrLNdIPecPk01p08T5vQpF3EafJFP9+cMIYwAtVYOhfuVv+za636lx1FGrTVAIpTWsr"
    "LeLJNVFC6zSpXXyVUH8HdqVIGJV5FCNVsbOsY2ZDzFatvlIIWCJWO3dzpNq3NlR7pLjnIm"
    "baAh2RL6gfS0tjUsSTckpGNJwRKRcySAJDCf6xbC0htTl0gPib6KhKGqmrTjmrDhp8Oob2"
    "GPH1NAIxTKyz6UF76ySLMqLCNbjYwASWsKvZRWTICuCSIVkWXCmsfJIlWUVvhV6iY6Fzr3"
    "yzyoZvoDRFdAU1TO3SLBDjsOKUy7ykvaV6ngGstM1kC+QPoSsmjnl6WF7ILTkv1J9MfJr5"
    "3aiadJO/7cMgwaMPQnVrKcsxGyFhpWxC1/Qrku5ZY/HefkephSnP51O/0j5RP1h5zBM0FK"
    "weUmcDkpTjGZywVjFGvG232HHtbHMFnfRZQ/noZtbhRR9QeFTI4Van03ro9tAk2IO0y9L9"
    "zlIFnz2/rsDNq7ZqqfCAQpGAji6PVZfehhqtZZVcvX8uD3jULWTw5JMEzZQi2vTaIgORRy"
    "lYg1hajfCP4KYw1/B22vsUYoHELhEAoHP4MXks2No2m4bQc7cnftXi+oWmQN1S0UpvsaJF"
    "++wvEIVIuBNb9a0pagFe6kpGNxH6WShMTyWiSW2oQd9KChzNfs88Bt23EeAL+XsDRVthz2"
    "bGl6hIaZ8d7uAEkrNv8KkjTossqAsNu9hejupd42+UTMrDrEv6M7QFLolu66oZ0AbmnXdL"
    "/okfbj/yqDfXs="
)
