"""A user's data from every feature: one JSON document streamed, or a zip of one
CSV per table. The features hand their tables through the data protocol
(`mysphere_core.userdata.export_all`); nothing here knows their models."""

import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mysphere_core import userdata
from mysphere_core.csvfiles import CSVWriter

SCHEMA_VERSION = 1
SPOOL_BYTES = 8 * 1024 * 1024


def json_chunks(user: AbstractBaseUser) -> Iterator[str]:
    """The export as JSON text, chunk by chunk (a table's rows one at a time):
    `{"schema_version", "exported_at", "user_id", "features": {feature: {table:
    [rows]}}}`."""
    head = {
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(),
        "user_id": user.pk,
    }
    yield json.dumps(head)[:-1] + ', "features": {'
    current = None
    first_table = True
    for feature, table, rows in userdata.export_all(user):
        if feature != current:
            prefix = "" if current is None else "}, "
            yield f"{prefix}{json.dumps(feature)}: {{"
            current, first_table = feature, True
        yield ("" if first_table else ", ") + f"{json.dumps(table)}: ["
        first_table = False
        for index, row in enumerate(rows):
            yield ("" if index == 0 else ", ") + json.dumps(row)
        yield "]"
    yield ("}" if current is not None else "") + "}}\n"


def _write_csv(out: IO[str], rows: Iterator[dict[str, Any]]) -> None:
    """One table as CSV (header from the first row; nothing when no rows), every
    cell safe from formula injection (the kit's one CSV writer)."""
    writer = CSVWriter(out)
    columns: list[str] = []
    for row in rows:
        if not columns:
            columns = list(row)
            writer.writerow(columns)
        values = (row.get(name) for name in columns)
        writer.writerow(
            json.dumps(v) if isinstance(v, (dict, list)) else v for v in values
        )


def zip_file(user: AbstractBaseUser) -> IO[bytes]:
    """The export as a zip of `<feature>/<table>.csv` files plus `manifest.json`,
    spooled to disk past 8 MB and rewound."""
    # handed to the response open (it closes it): not a context manager here
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    tables = []
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for feature, table, rows in userdata.export_all(user):
            name = f"{feature}/{table}.csv"
            with (
                archive.open(name, "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
            ):
                _write_csv(text, rows)
            tables.append(name)
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "exported_at": timezone.now().isoformat(),
            "user_id": user.pk,
            "tables": tables,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    spool.seek(0)
    return spool
