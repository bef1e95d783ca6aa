"""`clockbot role`: the first admin from the shell, run as a separate process on the test's
database (the server keeps running)."""

import asyncio
import os
import sys

from models.audit import AuditEntry
from models.companies import Company
from models.users import Membership, Privilege, TeamRole, User
from tests.support.team import make_team


async def clockbot(db, *args: str, team_env: str | None = None) -> tuple[int, str]:
    env = {**os.environ, "DATABASE_URL": db.settings.database_url}
    env.pop("SLACK_TEAM_ID", None)
    if team_env:
        env["SLACK_TEAM_ID"] = team_env
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return process.returncode, (out + err).decode()


async def test_first_admin_on_a_fresh_install(db):
    code, output = await clockbot(db, "role", "U0FIRST", "admin", "--team", "T0FRESH")
    assert code == 0, output
    assert "U0FIRST is now an admin" in output
    user = await User.get(slack_team_id="T0FRESH", slack_user_id="U0FIRST")
    assert user.privilege == Privilege.ADMIN
    company = await Company.get(slack_team_id="T0FRESH")
    assert await Membership.filter(user=user, company=company).exists()
    [record] = await AuditEntry.filter(action="role.set")
    assert record.actor_id is None and record.after["privilege"] == "admin"


async def test_the_only_workspace_is_the_default_and_roles_change(db):
    await Company.create(name="Acme", slack_team_id="T0001", timezone="America/New_York")
    code, output = await clockbot(db, "role", "U0SUP", "supervisor")
    assert code == 0, output
    user = await User.get(slack_user_id="U0SUP")
    membership = await Membership.get(user=user)
    assert (user.privilege, membership.role) == (Privilege.SUPERVISOR, TeamRole.SUPERVISOR)
    code, _ = await clockbot(db, "role", "U0SUP", "associate")
    await user.refresh_from_db()
    await membership.refresh_from_db()
    assert code == 0 and membership.role == TeamRole.ASSOCIATE


async def test_several_workspaces_need_a_team_and_bad_roles_are_refused(db):
    await make_team()
    code, output = await clockbot(db, "role", "U0X", "admin")
    assert code == 2 and "Several workspaces are known" in output and "--team" in output
    code, output = await clockbot(db, "role", "U0X", "admin", team_env="T0001")
    assert code == 0, output
    code, output = await clockbot(db, "role", "U0X", "boss", "--team", "T0001")
    assert code == 2 and "invalid choice" in output


async def test_the_last_admin_stays_admin(db):
    team = await make_team()
    await User.filter(id=team.abe.id).update(privilege=Privilege.ASSOCIATE)
    code, output = await clockbot(db, "role", "U0BEA", "associate", "--team", "T0001")
    assert code == 2 and "only admin of Acme" in output
    assert (await User.get(id=team.bea.id)).privilege == Privilege.ADMIN


async def test_a_user_named_from_the_shell_gets_their_profile_on_first_contact(db, slack):
    code, output = await clockbot(db, "role", "U0BOSS", "admin", "--team", slack.fake.team_id)
    assert code == 0, output
    slack.fake.add_user("U0BOSS", "Bo Boss", tz="Asia/Tokyo")  # not a Slack admin
    await slack.command("/timesheet", "U0BOSS")
    boss = await User.get(slack_user_id="U0BOSS")
    assert (boss.name, boss.timezone, boss.privilege) == ("Bo Boss", "Asia/Tokyo", Privilege.ADMIN)
