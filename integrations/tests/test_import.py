"""CSV import into expenses: two real bank layouts, dry run vs real, duplicates,
bad rows, limits, idempotence, and the round trip from the export."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from expenses.models import ExpenseModel, MonthlySpendingSummaryModel
from expenses.tests.factories import ExpenseFactory
from integrations import csv_layout, importing
from integrations.models import ImportModel

pytestmark = pytest.mark.django_db
URL = "/api/integrations/import/expenses/"

# A UK bank's export (Lloyds layout): debit and credit columns, dd/mm/yyyy dates.
LLOYDS = (
    "Transaction Date,Transaction Type,Sort Code,Account Number,"
    "Transaction Description,Debit Amount,Credit Amount,Balance\n"
    "03/11/2026,DEB,'30-94-57,12345678,TESCO STORES 3297,23.45,,1520.33\n"
    "04/11/2026,FPI,'30-94-57,12345678,SALARY ACME LTD,,2500.00,4020.33\n"
    "05/11/2026,DD,'30-94-57,12345678,NETFLIX.COM,10.99,,4009.34\n"
    "06/11/2026,DEB,'30-94-57,12345678,PRET A MANGER,6.85,,4002.49\n"
    "06/11/2026,DEB,'30-94-57,12345678,PRET A MANGER,6.85,,3995.64\n"
    '17/11/2026,DEB,\'30-94-57,12345678,AMAZON UK MARKETPLACE,"1,249.00",,2746.64\n'
)

# A German bank's export (ING layout): a preamble, semicolons, dd.mm.yyyy, signed
# amounts with a decimal comma, Windows-1252 text, the currency column twice.
ING = (
    "Umsatzanzeige;Datei erstellt am: 22.11.2026 10:00\n"
    "\n"
    "IBAN;DE12 5001 0517 0123 4567 89\n"
    "Kontoname;Girokonto\n"
    "Bank;ING\n"
    "Zeitraum;01.11.2026 - 22.11.2026\n"
    "Saldo;1.234,56;EUR\n"
    "\n"
    "In der CSV-Datei finden Sie alle bereits gebuchten Umsätze.\n"
    "\n"
    "Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;"
    "Währung;Betrag;Währung\n"
    "20.11.2026;20.11.2026;REWE Markt GmbH;Lastschrift;REWE SAGT DANKE;1.234,56;EUR;"
    "-45,20;EUR\n"
    "18.11.2026;18.11.2026;Deutsche Bahn;Lastschrift;Fahrkarte Berlin-Hamburg;"
    "1.279,76;EUR;-1.089,90;EUR\n"
    "15.11.2026;15.11.2026;Arbeitgeber GmbH;Gehalt;Gehalt November;2.369,66;EUR;"
    "2.500,00;EUR\n"
    "12.11.2026;12.11.2026;Lidl;Lastschrift;Einkauf Filiale 0815;-130,34;EUR;"
    "-23,99;EUR\n"
).encode("cp1252")


def _upload(client, content, name="bank.csv", **fields):
    data = content.encode() if isinstance(content, str) else content
    body = {"file": SimpleUploadedFile(name, data, content_type="text/csv"), **fields}
    return client.post(URL, body, format="multipart")


def _statuses(resp):
    return [(r["row"], r["status"]) for r in resp.json()["results"]]


class TestBankLayouts:
    def test_debit_credit_layout_dry_run(self, auth_client):
        resp = _upload(auth_client, LLOYDS, currency="GBP")
        assert resp.status_code == 200
        body = resp.json()
        assert body["dry_run"] is True
        assert body["import_id"] is None
        assert body["detected"] == {
            "delimiter": ",",
            "header_row": 1,
            "mapping": {
                "date": "Transaction Date",
                "debit": "Debit Amount",
                "credit": "Credit Amount",
                "description": "Transaction Description",
            },
            "date_format": "%d/%m/%Y",
            "decimal_separator": ".",
        }
        assert _statuses(resp) == [
            (2, "new"),
            (3, "skipped"),
            (4, "new"),
            (5, "new"),
            (6, "duplicate"),
            (7, "new"),
        ]
        first = body["results"][0]
        assert first["date"] == "2026-11-03"
        assert first["amount"] == "23.45"
        assert first["currency"] == "GBP"
        assert first["vendor"] == "TESCO STORES 3297"
        assert first["category"] == "Groceries"
        assert body["results"][5]["amount"] == "1249.00"
        assert body["results"][1]["message"] == "Money in (or zero), not an expense."
        assert body["summary"] == {
            "rows": 6,
            "to_create": 4,
            "created": 0,
            "duplicates": 1,
            "possible_duplicates": 0,
            "skipped": 1,
            "errors": 0,
        }
        assert not ExpenseModel.objects.exists()

    def test_signed_layout_with_a_preamble_real_run(self, auth_client, user):
        resp = _upload(auth_client, ING, dry_run="false")
        assert resp.status_code == 201
        body = resp.json()
        assert body["detected"]["delimiter"] == ";"
        assert body["detected"]["header_row"] == 11
        assert body["detected"]["date_format"] == "%d.%m.%Y"
        assert body["detected"]["decimal_separator"] == ","
        assert body["detected"]["mapping"]["vendor"] == "Auftraggeber/Empfänger"
        assert _statuses(resp) == [
            (12, "created"),
            (13, "created"),
            (14, "skipped"),
            (15, "created"),
        ]
        rows = ExpenseModel.objects.filter(user=user).order_by("transaction_date")
        assert [
            (e.transaction_date, e.amount, e.currency, e.vendor, e.category)
            for e in rows
        ] == [
            (date(2026, 11, 12), Decimal("23.99"), "EUR", "Lidl", "Groceries"),
            (date(2026, 11, 18), Decimal("1089.90"), "EUR", "Deutsche Bahn", "Other"),
            (
                date(2026, 11, 20),
                Decimal("45.20"),
                "EUR",
                "REWE Markt GmbH",
                "Groceries",
            ),
        ]
        assert rows[0].notes == "Einkauf Filiale 0815"
        record = ImportModel.objects.get()
        assert body["import_id"] == record.pk
        assert (record.rows, record.created, record.skipped) == (4, 3, 1)
        assert sorted(record.expense_ids) == sorted(e.pk for e in rows)
        # the rollups were kept by ExpenseService's bulk path
        groceries = MonthlySpendingSummaryModel.objects.get(
            user=user, category="Groceries"
        )
        assert groceries.total_mills == 69190

    @pytest.mark.parametrize(
        "content,created,duplicates",
        [(LLOYDS, 4, 5), (ING, 3, 3)],
        ids=["lloyds", "ing"],
    )
    def test_importing_the_same_file_twice_adds_nothing(
        self, auth_client, user, content, created, duplicates
    ):
        first = _upload(auth_client, content, dry_run="false", currency="GBP")
        assert first.json()["summary"]["created"] == created
        assert ExpenseModel.objects.count() == created
        resp = _upload(auth_client, content, dry_run="false", currency="GBP")
        assert resp.status_code == 201
        assert resp.json()["summary"]["created"] == 0
        assert resp.json()["summary"]["duplicates"] == duplicates
        assert ExpenseModel.objects.count() == created
        assert ImportModel.objects.count() == 2

    def test_duplicates_of_existing_expenses_are_named(self, auth_client, user):
        ExpenseFactory(
            user=user,
            amount=Decimal("10.99"),
            currency="GBP",
            vendor="netflix.com",
            transaction_date=date(2026, 11, 5),
        )
        resp = _upload(auth_client, LLOYDS, currency="GBP")
        row = resp.json()["results"][2]
        assert row["status"] == "duplicate"
        assert row["message"] == "Same date, amount and vendor as an existing expense."


class TestMappingAndFormats:
    CSV = (
        "When;What;How much\n"
        "2026-11-02;Coffee at Starbucks;4,50\n"
        "2026-11-03;Shell;61,00\n"
    )

    def test_an_explicit_mapping(self, auth_client):
        mapping = '{"date": "When", "description": "What", "amount": "How much"}'
        resp = _upload(auth_client, self.CSV, mapping=mapping)
        assert resp.status_code == 200
        results = resp.json()["results"]
        assert [(r["amount"], r["category"]) for r in results] == [
            ("4.50", "Food & Dining"),
            ("61.00", "Travel"),
        ]

    def test_a_mapping_naming_a_missing_column(self, auth_client):
        resp = _upload(
            auth_client, self.CSV, mapping='{"date": "Datum", "amount": "How much"}'
        )
        assert resp.status_code == 400
        assert "Datum" in resp.json()["mapping"][0]

    @pytest.mark.parametrize(
        "mapping,message",
        [
            ("not json", "JSON object"),
            ('{"colour": "x"}', "colour"),
            ('{"date": 3}', "text"),
            ('{"amount": "Amount", "debit": "Amount"}', "not both"),
        ],
    )
    def test_a_bad_mapping_is_a_400(self, auth_client, mapping, message):
        resp = _upload(auth_client, self.CSV, mapping=mapping)
        assert resp.status_code == 400
        assert message in resp.json()["mapping"][0]

    def test_no_recognisable_header(self, auth_client):
        resp = _upload(auth_client, "a,b\n1,2\n")
        assert resp.status_code == 400
        assert "mapping" in resp.json()

    def test_given_date_format_and_separator(self, auth_client):
        csv_text = "Date,Amount,Description\n02/11/2026,12.00,Lunch\n"
        us = _upload(auth_client, csv_text, date_format="mm/dd/yyyy")
        assert us.json()["results"][0]["date"] == "2026-02-11"
        eu = _upload(auth_client, csv_text, date_format="dd/mm/yyyy")
        assert eu.json()["results"][0]["date"] == "2026-11-02"
        comma = _upload(auth_client, csv_text, decimal_separator=",")
        assert comma.json()["results"][0]["amount"] == "1200.00"

    def test_bad_options_are_named(self, auth_client):
        resp = _upload(
            auth_client,
            self.CSV,
            date_format="yyyy",
            decimal_separator=";",
            dry_run="maybe",
        )
        assert resp.status_code == 400
        assert set(resp.json()) == {"date_format", "decimal_separator", "dry_run"}

    def test_the_file_is_required(self, auth_client):
        resp = auth_client.post(URL, {}, format="multipart")
        assert resp.status_code == 400
        assert "file" in resp.json()

    @pytest.mark.parametrize(
        "values,expected",
        [
            (["1.234,56", "12,50"], ","),
            (["1,234.56", "12.50"], "."),
            (["12", "7"], "."),
        ],
    )
    def test_decimal_separator_detection(self, values, expected):
        assert csv_layout.detect_decimal_separator(values) == expected

    @pytest.mark.parametrize(
        "text,amount",
        [
            ("-1.234,50", "-1234.50"),
            ("(12.00)", "-12.00"),
            ("12,50-", "-12.50"),
            ("€ 3,00", "3.00"),
        ],
    )
    def test_amounts_of_banks(self, text, amount):
        sep = csv_layout.detect_decimal_separator([text])
        assert csv_layout.parse_amount(text, sep) == Decimal(amount)


class TestBadRowsAndLimits:
    def test_bad_rows_are_reported_with_their_line_numbers(self, auth_client, user):
        csv_text = (
            "Date,Amount,Description,Currency\n"
            "2026-11-02,12.00,Lunch,USD\n"
            "2026-13-40,5.00,Bad date,USD\n"
            "2026-11-03,abc,Bad amount,USD\n"
            "2026-11-04,99999.00,Too much,USD\n"
            "2026-11-05,3.00,Bad currency,XYZ\n"
        )
        resp = _upload(auth_client, csv_text, dry_run="false")
        assert resp.status_code == 201
        results = resp.json()["results"]
        assert [(r["row"], r["status"]) for r in results] == [
            (2, "created"),
            (3, "error"),
            (4, "error"),
            (5, "error"),
            (6, "error"),
        ]
        assert results[1]["message"] == "date: '2026-13-40' does not match %Y-%m-%d."
        assert results[2]["message"] == "amount: 'abc' is not a number."
        assert results[3]["message"].startswith("amount: Amount cannot exceed")
        assert results[4]["message"].startswith("currency:")
        assert ExpenseModel.objects.count() == 1

    def test_huge_and_scientific_amounts_are_row_errors(self, auth_client):
        csv_text = (
            "Date,Amount,Description\n"
            "2026-11-02,-1e400,Science\n"
            "2026-11-03,-99999999999999999999,Too many digits\n"
            "2026-11-04,-2.5E3,Science again\n"
            "2026-11-05,-123456789012.50,Twelve digits\n"
        )
        resp = _upload(auth_client, csv_text)
        assert resp.status_code == 200
        results = resp.json()["results"]
        assert [r["status"] for r in results] == ["error"] * 4
        assert results[0]["message"] == "amount: '-1e400' is not a number."
        assert results[1]["message"] == (
            "amount: '-99999999999999999999' is not a number."
        )
        assert results[3]["message"].startswith("amount: Amount cannot exceed")

    def test_over_5_mb_is_refused(self, auth_client):
        big = "Date,Amount,Description\n" + "2026-11-02,1.00,x\n" * 300_000
        assert len(big) > importing.MAX_FILE_BYTES
        resp = _upload(auth_client, big)
        assert resp.status_code == 400
        assert resp.json()["file"] == ["The file is over 5 MB."]

    def test_over_20000_rows_is_refused(self, auth_client):
        rows = "Date,Amount,Description\n" + "2026-11-02,1,x\n" * 20_001
        resp = _upload(auth_client, rows)
        assert resp.status_code == 400
        assert resp.json()["file"] == ["The file has 20001 rows; at most 20000."]

    def test_binary_rows_are_row_errors(self, auth_client):
        resp = _upload(auth_client, b"Date,Amount\n\x00\x01\x02,3\n")
        assert resp.status_code == 200
        assert resp.json()["results"][0]["status"] == "error"

    def test_an_unreadable_csv_is_a_400(self, auth_client):
        resp = _upload(auth_client, 'Date,Amount\n2026-11-02,"' + "x" * 200_000 + '"\n')
        assert resp.status_code == 400
        assert resp.json()["file"][0].startswith("The file is not a readable CSV")

    def test_an_empty_file(self, auth_client):
        resp = _upload(auth_client, "Date,Amount,Description\n")
        assert resp.status_code == 400
        assert resp.json()["file"] == ["The file has no rows."]

    def test_a_failure_midway_writes_nothing(self, auth_client, user, monkeypatch):
        from expenses.services import ExpenseService

        real = ExpenseService.bulk_create
        calls = []

        def failing(**kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("database went away")
            return real(**kwargs)

        monkeypatch.setattr(importing, "MAX_BULK_ITEMS", 2)
        monkeypatch.setattr(ExpenseService, "bulk_create", staticmethod(failing))
        rows = "Date,Amount,Description\n" + "".join(
            f"2026-11-0{i},{i}.00,Shop {i}\n" for i in range(1, 6)
        )
        with pytest.raises(RuntimeError):
            importing.import_expenses(
                user=user,
                data=rows.encode(),
                filename="x.csv",
                options={"currency": "USD", "dry_run": False},
            )
        assert not ExpenseModel.objects.exists()
        assert not ImportModel.objects.exists()


def test_round_trip_from_the_export(auth_client, user, make_user, client_for):
    ExpenseFactory(
        user=user,
        amount=Decimal("12.30"),
        vendor="Chipotle",
        category="Food & Dining",
        transaction_date=date(2026, 11, 3),
    )
    ExpenseFactory(
        user=user,
        amount=Decimal("5.00"),
        vendor="Refund shop",
        expense_type="refund",
        transaction_date=date(2026, 11, 4),
    )
    ExpenseFactory(
        user=user,
        amount=Decimal("8.00"),
        vendor="Deleted",
        is_active=False,
        transaction_date=date(2026, 11, 5),
    )
    archive = b"".join(
        auth_client.get("/api/integrations/export/?format=csv").streaming_content
    )
    csv_bytes = zipfile.ZipFile(io.BytesIO(archive)).read("expenses/expenses.csv")
    again = _upload(auth_client, csv_bytes, dry_run="false")
    assert again.json()["summary"]["duplicates"] == 2  # nothing new for its owner
    newcomer = make_user("newcomer")
    resp = _upload(client_for(newcomer), csv_bytes, dry_run="false")
    assert resp.status_code == 201
    copied = ExpenseModel.objects.filter(user=newcomer).order_by("transaction_date")
    assert [(e.amount, e.vendor, e.category, e.expense_type) for e in copied] == [
        (Decimal("12.30"), "Chipotle", "Food & Dining", "expense"),
        (Decimal("5.00"), "Refund shop", copied[1].category, "refund"),
    ]
    assert resp.json()["results"][2]["message"] == "Deleted in the exported data."


def test_history_lists_real_imports_only(auth_client):
    _upload(auth_client, LLOYDS, currency="GBP")
    _upload(auth_client, LLOYDS, currency="GBP", dry_run="false")
    resp = auth_client.get("/api/integrations/import/")
    assert resp.status_code == 200
    [row] = resp.json()["results"]
    assert row["created"] == 4
    assert row["settings_used"]["date_format"] == "%d/%m/%Y"


class TestTextOnly:
    def test_a_nul_byte_is_a_row_error_never_stored(self, auth_client, user):
        from expenses.models import ExpenseModel

        csv = "Date,Description,Amount\n2026-11-03,TES\x00CO,-23.45\n2026-11-04,OK,-1\n"
        resp = _upload(auth_client, csv, dry_run="false")
        assert resp.status_code == 201
        assert _statuses(resp) == [(2, "error"), (3, "created")]
        assert "NUL byte" in resp.json()["results"][0]["message"]
        assert list(ExpenseModel.objects.values_list("vendor", flat=True)) == ["OK"]

    def test_a_nul_byte_in_the_header_is_a_400(self, auth_client):
        resp = _upload(auth_client, "Da\x00te,Description,Amount\n2026-11-03,X,-1\n")
        assert resp.status_code == 400
        assert "NUL byte" in resp.json()["file"][0]

    def test_a_line_break_inside_a_quoted_field_is_csv(self, auth_client):
        csv = 'Date,Description,Amount\r\n2026-11-03,"TESCO\rSTORES",-23.45\r\n'
        resp = _upload(auth_client, csv)
        assert resp.status_code == 200
        [row] = resp.json()["results"]
        assert (row["status"], row["vendor"]) == ("new", "TESCO\rSTORES")


def test_an_import_is_undone_and_nothing_else(auth_client, other_client, user):
    own = ExpenseFactory(user=user, amount=Decimal("9.99"))
    _upload(auth_client, LLOYDS, currency="GBP", dry_run="false")
    [row] = auth_client.get("/api/integrations/import/").json()["results"]
    assert ExpenseModel.objects.filter(user=user, is_active=True).count() == 5
    url = f"/api/integrations/import/{row['import_id']}/"
    assert other_client.delete(url).status_code == 404
    assert auth_client.delete(url).status_code == 204
    live = ExpenseModel.objects.filter(user=user, is_active=True)
    assert list(live) == [own]
    assert ExpenseModel.objects.filter(user=user).count() == 5  # soft: history kept
    gbp = MonthlySpendingSummaryModel.objects.filter(user=user, currency="GBP")
    assert sum(r.total_mills for r in gbp) == 0  # the rollups follow
    assert auth_client.get("/api/integrations/import/").json()["results"] == []
    assert auth_client.delete(url).status_code == 404  # undone once
