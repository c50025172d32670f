"""Seed the project for bench/load_many.py: run in its own process, PostgreSQL only.

    .venv/bin/python bench/load_many_project.py DATABASE_URL USERS ROWS TOKENS_OUT

Migrates the database, creates USERS users (`many0001`...) and their profiles in bulk
(one password hash for all), gives each ROWS expenses in one `INSERT ... SELECT
generate_series` (bench/many_rows.py, the same rows the floor gets), rebuilds each
user's rollups with the project's own `ExpenseService.rebuild_rollups`, then gives
each user what Home shows through the features' services: three subscriptions, four
todos and this month's budget. Writes one JWT access token per line (minted in
process, each its own session id) to TOKENS_OUT, EXPLAINs every statement of the
first user's list, Home, create and chat on the seeded data, and prints one JSON
line of counts, timings and what the plans read.
"""

import json
import sys
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import many_rows
from common import configure

SUBSCRIPTIONS = (
    # name, amount, billing cycle, started days ago
    ("Streamly", "13.99", "monthly", 26),
    ("Tunes Premium", "11.99", "monthly", 58),
    ("Cloud Box", "2.99", "monthly", 4),
)
TODOS = (
    # title, due in days (None: no date), priority
    ("Pay the electricity bill", 0, "high"),
    ("Call the dentist", 2, "medium"),
    ("Renew the passport", 5, "medium"),
    ("Sort out old photos", None, "low"),
)
ALLOCATIONS = {"Groceries": "600.00", "Food & Dining": "300.00", "Utilities": "250.00"}


def create_users(count: int) -> list:
    """`count` users with profiles, in bulk; returned in id order."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from users.models import UserProfileModel

    user_model = get_user_model()
    password = make_password("Bench-Pass-2026!")
    with transaction.atomic():
        user_model.objects.bulk_create(
            user_model(
                username=f"{many_rows.USER_PREFIX}{n:04d}",
                email=f"{many_rows.USER_PREFIX}{n:04d}@example.com",
                password=password,
            )
            for n in range(1, count + 1)
        )
        users = list(
            user_model.objects.filter(
                username__startswith=many_rows.USER_PREFIX
            ).order_by("pk")
        )
        UserProfileModel.objects.bulk_create(
            UserProfileModel(user=user) for user in users
        )
    return users


def insert_expenses(rows: int) -> int:
    """Every `many…` user's ROWS expenses in one statement; returns how many."""
    from django.db import connection

    extra = {
        "raw_text": "''",
        "payment_method": "'card'",
        "notes": "'bench'",
        "ai_suggested_category": "''",
        "source_ref": "''",
        "shared_amount": "0",
        "deleted_at": "CASE WHEN rows.is_active THEN NULL ELSE now() END",
        "updated_at": "rows.created_at",
    }
    with connection.cursor() as cursor:
        cursor.execute(many_rows.insert_sql("expenses", extra), many_rows.params(rows))
        inserted = cursor.rowcount
        cursor.execute("ANALYZE expenses")
    return inserted


def seed_features(user: object, today: date) -> None:
    """What Home shows, through the services: subscriptions, todos, a budget."""
    from budgets.services import BudgetService
    from mysphere_core.dates import month_label
    from subscriptions.services import SubscriptionService
    from todos.services import TodoService

    for name, amount, cycle, days_ago in SUBSCRIPTIONS:
        start = today - timedelta(days=days_ago)
        SubscriptionService.create(
            user=user,
            data={
                "name": name,
                "provider": name.split()[0],
                "amount": Decimal(amount),
                "currency": "USD",
                "billing_cycle": cycle,
                "start_date": start,
                "next_billing_date": start,
            },
        )
    for title, days, priority in TODOS:
        due = None if days is None else today + timedelta(days=days)
        TodoService.create(
            user=user, data={"title": title, "due_date": due, "priority": priority}
        )
    BudgetService.create(
        user=user,
        data={
            "month": month_label(today),
            "total_income": Decimal("4000.00"),
            "allocations": [
                {"category": category, "allocated_amount": Decimal(amount)}
                for category, amount in ALLOCATIONS.items()
            ],
        },
    )


def write_tokens(users: list, out: Path) -> None:
    """One access token per user and line, each with its own session id."""
    from rest_framework_simplejwt.tokens import AccessToken

    from users import sessions

    lines = []
    for user in users:
        token = AccessToken.for_user(user)
        token[sessions.SESSION_CLAIM] = uuid.uuid4().hex
        lines.append(str(token))
    out.write_text("\n".join(lines) + "\n")


def check_plans(token: str) -> dict:
    """One user's list, Home (cold), create and chat, every statement EXPLAINed on
    the seeded database (its statistics, sequential scans priced out): how many,
    the tables left empty here (not judged), and the scans
    reading a table of users' rows by anything but a key (the rule and the helpers
    of mysphere_core/tests/test_query_plans.py, there on a small database)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from mysphere_core.tests.test_query_plans import DATA, _owned_tables, _whole_reads

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    expense = {"amount": "4.20", "category": "Groceries"}
    calls = (
        ("get", "/api/expenses/", None),
        ("get", "/api/dashboard/", None),
        ("post", "/api/expenses/", expense),
        ("post", "/api/assistant/chat/", {"message": "what is due this week?"}),
    )
    statements = []
    for method, path, body in calls:
        with CaptureQueriesContext(connection) as queries:
            status = getattr(client, method)(path, body, format="json").status_code
        if status >= 300:
            raise SystemExit(f"{method} {path}: {status}")
        statements += [q["sql"] for q in queries if DATA.match(q["sql"])]
    owned, empty = _owned_tables(), set()
    with connection.cursor() as cursor:
        for table in sorted(owned):  # no statistics: the plan there says nothing
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")  # noqa: S608
            if not cursor.fetchone()[0]:
                empty.add(table)
        # As the test: a table nearly empty here (sessions revoked, notifications)
        # is read whole because that is cheapest; priced out, what is left is
        # which index the planner picks with a thousand users' statistics.
        cursor.execute("SET enable_seqscan = off")
    whole = [found for sql in statements for found in _whole_reads(sql, owned - empty)]
    return {
        "explained": len(statements),
        "whole_reads": whole,
        "empty_tables": sorted(empty),
    }


def seed(users: int, rows: int, out: Path) -> dict:
    """Seed the configured database; counts and seconds per step."""
    from django.db import connection

    from expenses.services import ExpenseService
    from users.services import UserService

    timings = {}
    started = time.perf_counter()
    made = create_users(users)
    timings["users_s"] = time.perf_counter() - started
    step = time.perf_counter()
    expenses = insert_expenses(rows)
    timings["expenses_s"] = time.perf_counter() - step
    step = time.perf_counter()
    for user in made:
        ExpenseService.rebuild_rollups(user=user)
    timings["rollups_s"] = time.perf_counter() - step
    step = time.perf_counter()
    for user in made:
        seed_features(user, UserService.today_for(user=user))
    timings["features_s"] = time.perf_counter() - step
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    write_tokens(made, out)
    timings["total_s"] = time.perf_counter() - started
    return {
        "users": len(made),
        "expenses": expenses,
        **{name: round(seconds, 1) for name, seconds in timings.items()},
        "plans": check_plans(out.read_text().split("\n", 1)[0]),
    }


def main() -> None:
    """Configure Django on the given database, seed, print the result line."""
    database_url, users, rows, out = sys.argv[1:5]
    configure(None, database_url=database_url)
    print(json.dumps(seed(int(users), int(rows), Path(out))))


if __name__ == "__main__":
    main()
