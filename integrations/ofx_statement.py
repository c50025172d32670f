"""Reading an OFX or QFX bank statement (what Firefly III, Actual and GnuCash users
export from their banks) with ofxtools, as the rows of a debit/credit table, so
the import's money-out rules and duplicate checks are the CSV's own: a negative
`TRNAMT` is money out (a debit), a positive one money in (a credit, skipped)."""

import io
from decimal import InvalidOperation

from ofxtools.header import OFXHeaderError
from ofxtools.Parser import OFXTree, ParseError
from ofxtools.Types import OFXTypeError

from integrations.csv_layout import Layout, LayoutError

SUFFIXES = (".ofx", ".qfx")
HEADERS = ("Date", "Debit", "Credit", "Currency", "Payee", "Memo")
FIELDS = ("date", "debit", "credit", "currency", "vendor", "description")
UNREADABLE = (
    ParseError,
    OFXHeaderError,
    OFXTypeError,
    InvalidOperation,
    ValueError,
    KeyError,
)


def is_statement(data: bytes, filename: str) -> bool:
    """True for an OFX/QFX file: by its name, or by its first bytes (an SGML
    `OFXHEADER:` header or an XML `<?OFX ...?>` one)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return (
        filename.lower().endswith(SUFFIXES)
        or head.startswith((b"OFXHEADER", b"<?XML"))
        and b"OFX" in data[:1024].upper()
    )


def layout() -> Layout:
    """How the statement's rows read (ISO dates, a decimal point)."""
    return Layout(
        delimiter="",
        header_row=0,
        columns={field: i for i, field in enumerate(FIELDS)},
        headers=HEADERS,
        date_format="%Y-%m-%d",
        decimal_separator=".",
    )


def read_statement(data: bytes) -> tuple[Layout, list[tuple[int, list[str]]]]:
    """The layout and (number, cells) of every transaction of every statement in
    the file, numbered from 1; LayoutError on `file` when it is no OFX/QFX."""
    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(data))
        ofx = tree.convert()
        statements = list(ofx.statements)
    except UNREADABLE as exc:
        raise LayoutError("file", f"Not a readable OFX/QFX statement ({exc}).")
    body = []
    for statement in statements:
        for trn in statement.transactions:
            amount = trn.trnamt
            cells = [
                trn.dtposted.date().isoformat(),
                f"{-amount}" if amount < 0 else "",
                f"{amount}" if amount > 0 else "",
                getattr(trn.currency, "cursym", None) or statement.curdef,
                trn.name or getattr(trn.payee, "name", "") or trn.memo or "",
                trn.memo or "",
            ]
            body.append((len(body) + 1, [str(cell or "") for cell in cells]))
    if not body:
        raise LayoutError("file", "The statement has no transactions.")
    return layout(), body
