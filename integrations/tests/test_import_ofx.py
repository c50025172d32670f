"""OFX and QFX statements import like a bank CSV: money out becomes expenses,
money in is skipped, a re-import adds nothing, and a line like an existing
expense is a possible duplicate."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from expenses.models import ExpenseModel
from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db
URL = "/api/integrations/import/expenses/"


def _transaction(kind: str, day: str, amount: str, fitid: str, name: str) -> str:
    return (
        f"<STMTTRN><TRNTYPE>{kind}<DTPOSTED>{day}120000<TRNAMT>{amount}"
        f"<FITID>{fitid}<NAME>{name}<MEMO>{name} card 1234</STMTTRN>"
    )


def statement(currency: str = "EUR", intuit: bool = False) -> bytes:
    """An OFX 1.02 (SGML) bank statement; with `intuit`, Quicken's QFX flavour."""
    bid = "<INTU.BID>3000" if intuit else ""
    lines = "".join(
        [
            _transaction("DEBIT", "20261103", "-23.45", "1", "TESCO STORES 3297"),
            _transaction("CREDIT", "20261104", "2500.00", "2", "SALARY ACME LTD"),
            _transaction("DEBIT", "20261105", "-9.99", "3", "SPOTIFY P2F1A3"),
            _transaction("DEBIT", "20261106", "-6.85", "4", "PRET A MANGER"),
        ]
    )
    return (
        "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\n"
        "ENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\n"
        "NEWFILEUID:NONE\r\n\r\n"
        "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
        f"<DTSERVER>20261122120000<LANGUAGE>ENG{bid}</SONRS></SIGNONMSGSRSV1>"
        "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>"
        f"<STMTRS><CURDEF>{currency}<BANKACCTFROM><BANKID>121000248"
        "<ACCTID>123456789<ACCTTYPE>CHECKING</BANKACCTFROM>"
        "<BANKTRANLIST><DTSTART>20261101120000<DTEND>20261122120000"
        f"{lines}</BANKTRANLIST>"
        "<LEDGERBAL><BALAMT>1520.33<DTASOF>20261122120000</LEDGERBAL>"
        "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n"
    ).encode("ascii")


def _upload(client, data: bytes, name: str, **fields):
    upload = SimpleUploadedFile(name, data, content_type="application/x-ofx")
    return client.post(URL, {"file": upload, **fields}, format="multipart")


@pytest.mark.parametrize(
    ("name", "intuit"), [("statement.ofx", False), ("quicken.qfx", True)]
)
def test_a_statement_imports_its_money_out(auth_client, user, name, intuit):
    ExpenseFactory(
        user=user,
        amount=Decimal("9.99"),
        currency="EUR",
        vendor="Spotify",
        transaction_date=date(2026, 11, 5),
    )
    data = statement(intuit=intuit)
    resp = _upload(auth_client, data, name, dry_run="false")
    assert resp.status_code == 201, resp.json()
    rows = resp.json()["results"]
    assert [(r["row"], r["status"]) for r in rows] == [
        (1, "created"),
        (2, "skipped"),
        (3, "possible_duplicate"),
        (4, "created"),
    ]
    assert rows[0] | {"expense_id": None} == rows[0] | {
        "date": "2026-11-03",
        "amount": "23.45",
        "currency": "EUR",
        "vendor": "TESCO STORES 3297",
        "description": "TESCO STORES 3297 card 1234",
        "category": "Groceries",
        "expense_id": None,
    }
    assert rows[2]["possible_duplicate"]["name"] == "Spotify"
    assert ExpenseModel.objects.filter(user=user).count() == 3
    again = _upload(auth_client, data, name, dry_run="false").json()
    assert again["summary"]["created"] == 0
    assert again["summary"]["duplicates"] == 2
    assert ExpenseModel.objects.filter(user=user).count() == 3


def test_a_statement_is_known_by_its_header_too(auth_client):
    resp = _upload(auth_client, statement(), "download.txt")
    assert resp.status_code == 200, resp.json()
    assert resp.json()["summary"]["to_create"] == 3


@pytest.mark.parametrize(
    "broken",
    [
        statement().replace(b"</BANKTRANLIST>", b""),
        statement().replace(b"<TRNAMT>-9.99", b"<TRNAMT>lots"),
        b"not a statement at all",
        b"OFXHEADER:100\r\n\xff\xfe<OFX>",
    ],
    ids=["unclosed", "bad-amount", "text", "binary"],
)
def test_a_broken_statement_is_a_400_on_file(auth_client, broken):
    resp = _upload(auth_client, broken, "bank.ofx")
    assert resp.status_code == 400
    assert list(resp.json()) == ["file"], resp.json()
    assert "OFX/QFX" in resp.json()["file"][0]
