"""Many punches at once from one user: exactly one wins, the rest are told why, on every backend."""

import asyncio

from models.companies import Company
from models.shifts import Shift
from models.users import Membership, User
from tests.support.ticks import next_second

RACERS = 50


async def test_fifty_simultaneous_clockins_then_clockouts(slack):
    # The first contact is part of the race: user, company and membership are made once.
    slack.fake.add_user("U0RACE", "Rita Race")
    replies = await asyncio.gather(*(slack.command("/clockin", "U0RACE") for _ in range(RACERS)))
    assert [r.status for r in replies] == [200] * RACERS
    texts = [r.text for r in replies]
    assert sum("You're clocked in since" in t for t in texts) == 1
    assert sum("already clocked in since" in t for t in texts) == RACERS - 1
    assert await Shift.filter(end_time__isnull=True).count() == 1
    assert (await User.all().count(), await Company.all().count()) == (1, 1)
    assert await Membership.all().count() == 1

    await next_second()
    replies = await asyncio.gather(*(slack.command("/clockout", "U0RACE") for _ in range(RACERS)))
    texts = [r.text for r in replies]
    assert sum("Clocked out at" in t for t in texts) == 1
    assert sum("You're not clocked in" in t for t in texts) == RACERS - 1
    [shift] = await Shift.all()
    assert shift.end_time is not None
