"""The many-user run's expenses as one PostgreSQL `INSERT ... SELECT generate_series`.

Both sides (the project's `expenses`, the floor's `ledger_expense`) get the same rows:
user number i (the i-th of the users named `many…`, in id order) gets ROWS expenses
whose fields are drawn from `hashint8(i * 1000003 + n)`, so the data depend only on
(i, n), never on ids or on which database runs the statement. Over three years, two
currencies (every tenth in EUR), nine categories, 40 vendors, every 50th a refund,
every 100th soft-deleted, like bench/expenses_bench.py's seed.
"""

USER_PREFIX = "many"
CATEGORIES = (
    "Food & Dining",
    "Groceries",
    "Shopping",
    "Travel",
    "Entertainment",
    "Utilities",
    "Health",
    "Education",
    "Other",
)
# The columns of ROWS_SQL, in order.
COLUMNS = (
    "user_id",
    "amount",
    "currency",
    "category",
    "vendor",
    "transaction_date",
    "created_at",
    "is_active",
    "expense_type",
)
_CATEGORY_ARRAY = "ARRAY[" + ", ".join(f"'{c}'" for c in CATEGORIES) + "]"
# %s: the username pattern, then the rows per user (%% is the modulo).
ROWS_SQL = f"""
SELECT u.id AS user_id,
       ((s.h %% 49900) + 100)::numeric / 100 AS amount,
       CASE WHEN s.n %% 10 = 0 THEN 'EUR' ELSE 'USD' END AS currency,
       ({_CATEGORY_ARRAY})[1 + (s.h / 11) %% 9] AS category,
       'Vendor ' || ((s.h / 7) %% 40) AS vendor,
       (current_date - ((s.h / 13) %% 1095)::int) AS transaction_date,
       LEAST(now(), (current_date - ((s.h / 13) %% 1095)::int)::timestamptz
             + make_interval(secs => (s.h / 17) %% 86400)) AS created_at,
       s.n %% 100 <> 0 AS is_active,
       CASE WHEN s.n %% 50 = 0 THEN 'refund' ELSE 'expense' END AS expense_type
FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM auth_user
      WHERE username LIKE %s) AS u
CROSS JOIN LATERAL (
  SELECT n, abs(hashint8(u.i * 1000003 + n)) AS h FROM generate_series(1, %s) AS n
) AS s
"""  # noqa: S608 - constants only; the pattern and the count are parameters


def insert_sql(table: str, extra: dict[str, str] | None = None) -> str:
    """`INSERT INTO table (...) SELECT ...` of ROWS_SQL's columns (the project's
    `expense_type` only when `extra` is given) plus `extra` (column -> SQL constant
    expression); parameters: the username pattern, the rows per user."""
    columns = list(COLUMNS if extra is not None else COLUMNS[:-1])
    values = [*columns, *(extra or {}).values()]
    names = [*columns, *(extra or {})]
    return (
        f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 - constants only
        f"SELECT {', '.join(values)} FROM ({ROWS_SQL}) AS rows"
    )


def params(rows: int) -> tuple[str, int]:
    """The statement's parameters: the users' name pattern and the rows per user."""
    return f"{USER_PREFIX}%", rows
