"""Indexes for reads of the App Home, the week views and the jobs that would otherwise scan a
table that grows with history (each is declared, and said what for, in its model's Meta).
SQLite cannot alter a column comment, so reminders.kind keeps the one it has (its list of kinds
gained `attendance` after migration 8); nothing reads it.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE INDEX "idx_shifts_user_id_4c8967" ON "shifts" ("user_id", "end_time");
        CREATE INDEX "idx_shifts_company_aef566" ON "shifts" ("company_id", "end_time");
        CREATE INDEX "idx_shifts_company_9186fd" ON "shifts" ("company_id", "start_time");
        CREATE INDEX "idx_timesheets_finaliz_630d76" ON "timesheets" ("finalized_at", "company_id", "start_date");
        CREATE INDEX "idx_schedule_en_company_9df6d9" ON "schedule_entries" ("company_id", "checked_at");
        CREATE INDEX "idx_schedule_en_company_0fe762" ON "schedule_entries" ("company_id", "start_time");
        CREATE INDEX "idx_notes_schedul_c9a5f2" ON "notes" ("schedule_entry_id", "state");
        CREATE INDEX "idx_notes_shift_i_30d87c" ON "notes" ("shift_id", "state");
        CREATE INDEX "idx_reminders_period_070c7a" ON "reminders" ("period");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_reminders_period_070c7a";
        DROP INDEX IF EXISTS "idx_notes_shift_i_30d87c";
        DROP INDEX IF EXISTS "idx_notes_schedul_c9a5f2";
        DROP INDEX IF EXISTS "idx_schedule_en_company_0fe762";
        DROP INDEX IF EXISTS "idx_schedule_en_company_9df6d9";
        DROP INDEX IF EXISTS "idx_timesheets_finaliz_630d76";
        DROP INDEX IF EXISTS "idx_shifts_company_9186fd";
        DROP INDEX IF EXISTS "idx_shifts_company_aef566";
        DROP INDEX IF EXISTS "idx_shifts_user_id_4c8967";"""


MODELS_STATE = (
    "eJztXWtz2rga/isevpzuTE4nJWnazezsDE1IyymBDJB2zzY7HgUEeGNk1pek2T3970fyDV"
    "8kYxljZEdfcrH0CvO8urx3/dOa6sb04d6wX18YqzVAz61z5Z8WAiuI/0g3HiktsF5Hm8gj"
    "G9zrXn+3mwYtt+O9ZZtgauOGOdAtiB/NoDU1tbWtGQg/RY6uk4fGFHfU0GLzyEHaXw5UbW"
    "MB7SU0ccO3P/BjDc3gdzy4/+/6QZ1rUJ/FXlmbkc92n6v289p9dnvbu7xye5KPu1enhu6s"
    "0Kb3+tleGijs7jja7DWhIW0LiKAJbDiLfA3ylv5XDh55b4wf2KYDw1edbR7M4Bw4OgGj9c"
    "vcQVOCgeJ+Evlx+qv/apFuqjoYTtRxd6KqLQ7spgYiuGvIJkD988MbdwOI+7RFPuDiU2f0"
    "6uTsJxcCw7IXptvowtX64RICG3ikLugblN3fKZwvlsCk4xz0TyCNX7QIxsGDDcibCRbAFw"
    "C0B0hbK/Bd1SFa2Ev8b/v4OAPjL52RCzPu5eJs4BXhrZWB39T22gjeG3wtHUwfVBuClUqb"
    "0GygU4SFEPfnLMekrgzuk3YOtE/aTLBJUxxrW1vBvw3ENZ+jNA2c02enOUA+O2WCTJriIB"
    "uP0CSgqfYS7zJLA4+60pBje0dFHPYesumoZw+S4AP+ZvviQ/v0+HhffFiQl/h3+83pu9P3"
    "J2en73EX90XDJ+8yWNMbTBK4T01IvrwK7DTOl7iFwEkHO06ZAHfmk74O/qjjlMdfcDZE+r"
    "O/n2XgOuldd8eTzvUN+biVZf2lu/h1Jl3S0nafPieevjpLLI9wEOVrb/JJIf8qvw8H3eTx"
    "G/ab/N4i7wQc21CR8aSCWWTrDZ4GqP0gEtH8IXJakwf3+DR4AuZMjbVspscKru6haS21NW"
    "UdfvCJrz6PoA5ceNMzIRQRr8OhajgXfgSzP3i6mRORQ3mpze2dcRqTUZoKEdkKrCWEu8M0"
    "CUZqKlRr29gVoxtviCaiY02XcOboUIUIj0aTEjhXnT9eFw/33FTQTLgir2fujNbIH6hJQJ"
    "Hj0GgbrAMy3pTGVLWgbeMPzsB2iODEwD94EB5HRuVUykQGetVeJYBeAQQW7luS4QgxTXKg"
    "Gp/ikkWW/SkhzpRrgfrWcixvSUx9a9gfuxilmFoOVW+naDP+fNjNGLVP+boUVYZtgzINna"
    "Gzd5GzcrHt4RcCaApTGAe01enuLWBZxlTDo3Ja+lqd8Xh40cNaxbkSjnGHxrc33dGX3ng4"
    "OlcsZw3NR80y3LfnVfbfnOVQ9t8ktZmNsk+aEkqntz6opiu2LTZOVaZNVoydspAJdgMq2X"
    "w4EY2QSDgxnCkVOY5uGtorw4TaAn2Gz6nthHWw31qNEpvwYxM8hUdadErhbz+DOrS9bbcz"
    "vuhcdlu0faAUXCMeqIZCG9//6OiybTpc4i23iObOaqpwFsz3LLGMTJq9CGQpb4f3IJikO8"
    "ln0mkonYb1chrCFdB0HoBDglKchGIB/DaPCwv3YgP8NuXEkp7CCjyFa1N71HS4KKzbxQZo"
    "moJ3hzqX170B7jlbaUgMdU+wYAWh1kf54QpxEYcbbbZOKNGmoC3952zopf9c+s+l/1z6z6"
    "X/XDx0pP9c+s/3CZRl6I9YuJnrIMsjzrGjX+GR6id+5tvUjQeI1DlYaXoJK3FCRrsigzV2"
    "Ha6xGvxkYKkLz7MSjsIbf7gRGa1JmBUMadGNhWc62D2MpR8M1ZBly+0Y8aRRqmckFFSzXC"
    "MbmXiv6VLfoo47ywamrbpaJ+72LeF4SrZGCCGaMck2bdLLclAvizuj1Jlvh+SxWMQpG2ix"
    "qImFIsAkZaKICfibZcrL5hilZLPQbA63VU4mR+lKYLGY53cjOIwMahLcBH5nxIeGBBX6tg"
    "5wBE66v01iPAzM9K+uO7/9FONjfzj4GHSPmPUv+sMPCXO+hjRbA7oKVoaDaCZ9ONVWQGdI"
    "JCni5MryqF/7o+yLG/vKPcxgxmX3onfd6b960z7yvCcYec2LTQq4cpqKR5hrqCjUSdKdga"
    "7PBlYI6pk2n0MT+u5wDqDjhBLmLTC7EXlFvIFxSnkii3wiS58vk80N8/nG4uvXs4Jcj1NK"
    "rovCdcpiT5maZaqKTFUREU6ZqrINVJmqUtdUlUhVIOKucO1UOzv53MCESTBSQ3BPmALxN1"
    "QZ5iI+sAaGXV8dozQ/6NwPOdjdDdrECAZuV+gm4ozqDo0FpGW5ROMxcPvO4T8KHCKu3yuZ"
    "MUZ3jnpdE85Rt8kiSoDb4lqwtL9DtYA9jvSXHtZfumFFCm2i92U50fL4Sut7HFHNZlhnSy"
    "YkhBOfit8WR6TVXLW5vmoy1Q9ZhMURMslgoRm8NBzTUi3nfqXZxcxg9BGkqVt8rpvwUYNP"
    "OzA9MYDkucg8D1MDdlnszEEk70XmfVIr4WF5klZyWmROm9B2TISZ9YDBTLOanSacImxemn"
    "D5KfAhaPzLKkEqV1UtVpUJgWVQkijYYXsUUhnAxx3AJ2Mz2HtcPb30MjbjJXJdxmYcKDZj"
    "I8Xf8yJLId0B3vpIKRzoJswh3BCz6CXONJw3toeCQFMGkEgzNBtuiNOUEtsf2yxx3ChnjS"
    "HxlnGJMi6xYlBlXKLYcYnZYkSVE1jMPXYryEzRKYY3fhtlcNvv0wCPyLcS75x4p3WCHHBT"
    "hQMJ+VbIs4SqHLBHFWWJ9la0KXaFHCBH1AuJ8VaM08oYA+I8YftVxqDXRRRJ5AlPNQsPrK"
    "6gZYHF7mBd+gNee+M1CTeu4H3uoPRIWgg1Kj2eNpIVlu6lX4S5Klvj0ludSNn2f1mKYSoA"
    "eWXb8X/uOMrce+gO/VoZGP5jYCtA15UVBMhS7shyU54M8wHO7lqvWwm09/gx9CtXgqpmFh"
    "ZLpumIea5odnkH3o534PlMSAGb76aEDbXIN1O0anQTgjhFucSUU2rolqTGwsuaXI3msIwy"
    "YW+h9Yw3kFEmL5HreaJMcNvS4HULxYikmy0hBbl1ZDndmBEa6WjLdrSFKtjONq+m3aVylL"
    "TjRmbVdm+Qt6ilMXErrLHdj9uOuF+DD7nThWrp8S97yTLxrPEpEbkvpbqK7DPwLOsAVHJK"
    "sU0phAdUsY8Os9/9RWf+rzTkUD0BTLtehGK7ca8GeJVj34t7VtJwZteCrtZ+15hMElnLVV"
    "pypCWnfjq9tOS8RK7LfCEZM11XOGXM9DZQZcy02DHThzLmxG+dpd+yl7yYNvO2PcqtuBVb"
    "ebJuztt+GV+8FX+b6YMnrEjrkbQeibLl5LQeCRQsUyMgBRfKhY2WkSzeH4ulKe0lcDkibX"
    "ByOU4puSwyl+cYQ/xdKU4ddsm4KE0DPBHxKOGz0xxRwmenzChh0iRrWDXbOilt0i+R6zK6"
    "8BAGaWnll1Z+EeGUVv5toEorv9hWfhkLW3ks7GFy6msC9Z5Tw12wqD6lAMYsV1LIrz37j8"
    "Lb0DYeoeDysWh0e/Rx1Mn1HG+XXqKDeolcqFI450vWDmiFTtW+GF5fdweTcwWfqCs8/+7Q"
    "qHszHOEHI7g2THcJHT5Nm1W8PR8jdqzfXs3m2+pj5VftjEa9L53+udLH76N0TFN7BPod6n"
    "ZG/f+ql92bzmhyO+qeK11g6s/KJVwD03ZMeIcGQ3X8afj1nBSLGC+xaluAbyftHHw7aTP5"
    "Rpqk4ewFmqDxV7MhovCYHQcfIRF5fxQ2GN4TDwpuiCFxhbb/DpYEHoNXyb0pdi4mvS94v/"
    "Oo79Blt9+ddC/P8dbn+iFFOZ7WOphCi7vecoxM2g3jqMLvGB4N8aKaIJOo/qDYCaR9uzxE"
    "qepbXmSpxBJhYeoTNBLPpIkiL6ZJOulGyHYjhHiVYpadREerJ7xbjbPJGbbd7l19bQ0xt4"
    "SSS2vEz6Vy8E0G/jcUZ9qJLv03gvhv9uuhSFb9pTorKKWBs/wW1NLEFfsw3Jtl+XwRslLs"
    "jpVi2dcAbzfw7HQTcFWuh1H3S6/79VzxLkq4Q1e9Qaff+72Lh/fry4th3ZkuAUJQp/OCFT"
    "8dkojMAmECbG2u6GW74rjlGgMrHTBs6OsZw5onctnEIsNaw/Int0E6Tif1e2k4kYYTEeDd"
    "g+EkXOxV6px1hTe5M4pVdaHjzDQ7o+RCpP0oW9kEpKeqG4sKlMx4hCspiUCC4ZITOXhuOf"
    "d/wql3kYn3J+nAp5N+0BYvRS39ud0+OXnXPj45e//29N27t++PQ/003ZSlqH7ofSS6akyU"
    "2a688subjZUzayJX5gr0wZsBv+84QiMdcTI16iUI6Y2crJETOK+lJkLSQHNN+fGyEcmGH2"
    "X6tG0C0OXbxcA0yMzJC/KGQgKcA+B7OMdKZBrg/4yHAzrAG4qkEKhNbeV/iq5Z9fXO03Al"
    "UMQEv1RccDIEOLFHkwGSccFgbtNSV9mwhwQS9eKos/JT2PHvO+akFIvBblUPd2nB7ylr4a"
    "GMLSO4IiCbY2jbbg0dqskl1eso2/Bi+v1VK0qwTwOM9OZX6c130OZm+icIH6jlJ8croOtM"
    "qBlDVHctx/F+sT9pvzsLYSf/ZCE+vu70++nrOKIYLQ2HchLmxzigrw7gNzVD2LscZheMNy"
    "PIaRxNfbGmQMdfW3WlMxWvdEqARDbKjCGqg7ktPsxe5JE60xbQsgvtF/QRqgP557qBXGzL"
    "YI0hN40I0GvoFnVUfbDIZOS56YtFXuGOcSq0cBcpuWmYCwOfX8jfXPmvVcsYoTq8z473PK"
    "tLA3xJ9DZdw0JDAazpxBXu0Wd1gdlChvE3LABxmrBCobldF3hdcWyBFfoiENOJm6OblIay"
    "LNvKhrqeIa+U0AThrxI7qDGrxJhMHitrjlKPQwQnBv6RO65wh0KPIrCg/MucSrJetzKt1n"
    "mt1XuwUn+LB6aGmUzQ1Aw/3i8WRRhtkIGAwgUCNj6L7XYwvv1w3ZtMupfq127387mStNPf"
    "oWifLl7U/c6kNxzEe/r2OjzqHbrpDi57g49qkCEXV8037ZuMuaBHkDl3h66Go49D/IkD9a"
    "I/vPg8vJ3gLxxqne6qNhz7Do0/9a4m6vBLd6T2e/gdzxUvUdx4xGqpqzXdoQ4Z57IzuMCf"
    "BAj9LOTXwUNm/PVPnWIsQ0dAIfLEKhjJ8eb4OE/+4/ExOwGStNUh8qvSzbQCkG1gO4w8yH"
    "wl3Zyq73OZ6gArQgHz89cc7XewwH95rvj0eBNyS5Babv3Rq06vTxrnQNNJ28fOl656e3Ou"
    "LMAjVJ11kW2n/KRgsg2u1rS81WxLdpSuQuV9vzJGGdZrfy4UyVSNUTZQba+vmp7OICBrvA"
    "CPI2TyNjKR+XuAYgmCcXPfAm9ltRJeGK46sGwVmiatCBM7jjNOJWM5uQsZe6YkFSzwGxQ4"
    "GCjk8oAQ+oCQFUka5p7JU5FENPeMuAuaIyFPlnmpphqJvLgsAm3pF5fJOiSNqUPiVtC90s"
    "GiRfUubpqPst2LngdijnvKNJhmpcEc9CKnqlyCw5vuQL3pjCcqPnIuA7easYZIXRN1cROQ"
    "KIYLjSy0RSGRPE7ZQJG8JiJ4Ls0LD2Xoj4X4nCCVGnYt+HzPq2+lKWUNFGFuIhFLUNiLoh"
    "WZf1UqA2LO1By6QHK1llANf+vFGtwRnHmv1RByfpdwq0aZClbfWGioRVWuvKajbMVKJ52k"
    "TtUsnQqugMblcA0JytGiDgtuTDdqv81TyAj3YmpHblsioQSfIu7fHBBHaUpxvgoEcvnFor"
    "BWbD0ZeHtcAmvJA3OKUGS7QOE5/TbXnH6bMaffMhEnwRfFdH/GENIIILRyKN2v7GXXXPcr"
    "OY44tdYIiVRay8qLcyxacT5ulaqok0sE8LdqVJGJV5FCNVmahm27kLEUq7DLUQ4FS7X93v"
    "k0rdaVG+mueMqZsoam4kroR8rT0tWwFMNUkGErmq1gOUcBSAHTqeEgW3llGQruoZBXUWyo"
    "6xbpuMRs+Ol10rewx4/ZQSOUyss+lBe2skiyKhyTr1ZJhKQxBXfKK+qA1wSWivAyoc3jbJ"
    "EqSSv9KqKJzjud+2UeVBPjAaIrsNJ0xh0v0Q5bDimbdFXnpK9WwXWiXNZAtkB6CFm09cvc"
    "QW7hb8X9JPLj9NeWcOJp1o4/dUyTBAz9aWs852yCrIGGFXnbolSuS7lt0bALcj1OKU9/0U"
    "7/RBlL46Fg8EyUUnK5DlzOilPM5vKOMYqC8XbfoYfiGCbFXUTF42no5kYZVX+0k8mxQq3v"
    "xvexjaAF7RZV74t3OcrW/EKfnUl6C6b6yUCQHQNBPL2e14cep2qcVbV8LQ9+X2t4/RSQBO"
    "OUDdTymiQK4kOhUBFZS4r6teCvNNawd9DmGmukwiEVDqlwsDN4Id7cGJqG33a0JXfX7XVA"
    "1YI3VHenMN2XIPmyFY5HoDsUrNnVkkKCRriTso7FfZRKkhLLS5FYhAk76EBTmy7p54Hftu"
    "U8AJte0tJU2XLYs6XpEZoW5/3pEZJGbP4VJGmQZcWBsN+9gejupd42/kSbWnWIfVd6hGSn"
    "29JFQzsD3NKuSz/okfbj/xW76ek="
)
