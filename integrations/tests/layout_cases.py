"""Bank CSV layouts with what `csv_layout` should read from them.

TUNED_CASES are the layouts the header synonyms and format detection were tuned on;
HELD_OUT_CASES were written afterwards from other banks' documented exports and
never tuned on (a miss there stays a miss, reported in the README). Each case: a
name, the file's text, and the expected reading: the column of each field (None:
not in the file), the date format, the decimal separator, and the first row's
(date, amount spent).
"""

from datetime import date
from decimal import Decimal


def case(name, text, *, date_col, money, description, vendor, date_format, sep, first):
    """One layout: `money` is the amount column or a (debit, credit) pair."""
    return {
        "name": name,
        "text": text,
        "date": date_col,
        "money": money,
        "description": description,
        "vendor": vendor,
        "date_format": date_format,
        "decimal_separator": sep,
        "first": first,
    }


TUNED_CASES = [
    case(
        "Lloyds",
        "Transaction Date,Transaction Type,Sort Code,Account Number,"
        "Transaction Description,Debit Amount,Credit Amount,Balance\n"
        "03/11/2026,DEB,'30-94-57,12345678,TESCO STORES 3297,23.45,,1520.33\n"
        "04/11/2026,FPI,'30-94-57,12345678,SALARY,,2500.00,4020.33\n",
        date_col="Transaction Date",
        money=("Debit Amount", "Credit Amount"),
        description="Transaction Description",
        vendor=None,
        date_format="%d/%m/%Y",
        sep=".",
        first=(date(2026, 11, 3), Decimal("23.45")),
    ),
    case(
        "ING (Germany)",
        "Umsatzanzeige;Datei erstellt am: 22.11.2026 10:00\n\nIBAN;DE12\n\n"
        "Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;"
        "Währung;Betrag;Währung\n"
        "20.11.2026;20.11.2026;REWE Markt GmbH;Lastschrift;REWE SAGT DANKE;1.234,56;"
        "EUR;-45,20;EUR\n"
        "15.11.2026;15.11.2026;Arbeitgeber;Gehalt;Lohn;1.279,76;EUR;2.500,00;EUR\n",
        date_col="Buchung",
        money="Betrag",
        description="Verwendungszweck",
        vendor="Auftraggeber/Empfänger",
        date_format="%d.%m.%Y",
        sep=",",
        first=(date(2026, 11, 20), Decimal("45.20")),
    ),
    case(
        "Chase (credit card)",
        "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n"
        "11/14/2026,11/15/2026,STARBUCKS STORE 1234,Food & Drink,Sale,-5.75,\n"
        "11/12/2026,11/13/2026,Payment Thank You,,Payment,500.00,\n",
        date_col="Transaction Date",
        money="Amount",
        description="Description",
        vendor=None,
        date_format="%m/%d/%Y",
        sep=".",
        first=(date(2026, 11, 14), Decimal("5.75")),
    ),
    case(
        "Barclays (UK)",
        "Number,Date,Account,Amount,Subcategory,Memo\n"
        ",12/11/2026,20-32-06 13152170,-12.99,PAYMENT,NETFLIX.COM\n"
        ",13/11/2026,20-32-06 13152170,1500.00,CREDIT,SALARY\n",
        date_col="Date",
        money="Amount",
        description="Memo",
        vendor=None,
        date_format="%d/%m/%Y",
        sep=".",
        first=(date(2026, 11, 12), Decimal("12.99")),
    ),
    case(
        "Revolut",
        "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,"
        "State,Balance\n"
        "CARD_PAYMENT,Current,2026-11-05 10:12:01,2026-11-06 08:00:00,Uber,-14.20,"
        "0.00,EUR,COMPLETED,220.10\n"
        "TOPUP,Current,2026-11-04 09:00:00,2026-11-04 09:00:01,Top-up,100.00,0.00,"
        "EUR,COMPLETED,234.30\n",
        date_col="Completed Date",
        money="Amount",
        description="Description",
        vendor=None,
        date_format="%Y-%m-%d %H:%M:%S",
        sep=".",
        first=(date(2026, 11, 6), Decimal("14.20")),
    ),
    case(
        "Monzo",
        "Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,"
        "Local amount,Local currency,Notes and #tags,Address,Receipt,Description,"
        "Category split,Money Out,Money In\n"
        "tx_0001,08/11/2026,12:31:00,Card payment,Pret A Manger,,Eating out,-6.85,"
        "GBP,-6.85,GBP,,,,PRET A MANGER LONDON,,-6.85,\n",
        date_col="Date",
        money="Amount",
        description="Description",
        vendor="Name",
        date_format="%d/%m/%Y",
        sep=".",
        first=(date(2026, 11, 8), Decimal("6.85")),
    ),
    case(
        "DKB",
        '"Buchungsdatum";"Wertstellung";"Status";"Zahlungspflichtige*r";'
        '"Zahlungsempfänger*in";"Verwendungszweck";"Umsatztyp";"IBAN";'
        '"Betrag (€)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz"\n'
        '"19.11.26";"19.11.26";"Gebucht";"Max";"Lidl";"Einkauf";"Ausgang";"DE1";'
        '"-23,99";"";"";""\n',
        date_col="Buchungsdatum",
        money="Betrag (€)",
        description="Verwendungszweck",
        vendor="Zahlungsempfänger*in",
        date_format="%d.%m.%y",
        sep=",",
        first=(date(2026, 11, 19), Decimal("23.99")),
    ),
    case(
        "MY SPHERE expenses export",
        "expense_id,date,amount,currency,category,vendor,payment_method,"
        "expense_type,notes,original_text,created_at\n"
        "7,2026-11-02,12.30,USD,Food & Dining,Chipotle,card,expense,,,"
        "2026-11-02 12:00:00\n",
        date_col="date",
        money="amount",
        description="notes",
        vendor="vendor",
        date_format="%Y-%m-%d",
        sep=".",
        first=(date(2026, 11, 2), Decimal("12.30")),
    ),
]

HELD_OUT_CASES = [
    case(
        "Bank of America",
        "Date,Description,Amount,Running Bal.\n"
        "11/03/2026,SAFEWAY #1234,-64.12,1835.88\n"
        "11/01/2026,DIRECT DEPOSIT,1900.00,1900.00\n",
        date_col="Date",
        money="Amount",
        description="Description",
        vendor=None,
        date_format="%m/%d/%Y",
        sep=".",
        first=(date(2026, 11, 3), Decimal("64.12")),
    ),
    case(
        "Capital One",
        "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit\n"
        "2026-11-09,2026-11-10,1234,SHELL OIL 5744,Gas/Automotive,48.10,\n"
        "2026-11-07,2026-11-07,1234,CAPITAL ONE AUTOPAY,Payment/Credit,,250.00\n",
        date_col="Transaction Date",
        money=("Debit", "Credit"),
        description="Description",
        vendor=None,
        date_format="%Y-%m-%d",
        sep=".",
        first=(date(2026, 11, 9), Decimal("48.10")),
    ),
    case(
        "N26",
        '"Date","Payee","Account number","Transaction type","Payment reference",'
        '"Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency",'
        '"Exchange Rate"\n'
        '"2026-11-10","Rossmann","","MasterCard Payment","","-7.45","","",""\n',
        date_col="Date",
        money="Amount (EUR)",
        description="Payment reference",
        vendor="Payee",
        date_format="%Y-%m-%d",
        sep=".",
        first=(date(2026, 11, 10), Decimal("7.45")),
    ),
    case(
        "Sparkasse (CSV-CAMT)",
        '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";'
        '"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";'
        '"Kundenreferenz (End-to-End)";"Sammlerreferenz";'
        '"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";'
        '"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";'
        '"Betrag";"Waehrung";"Info"\n'
        '"DE001";"14.11.26";"14.11.26";"KARTENZAHLUNG";"EDEKA SAGT DANKE";"";"";"";'
        '"";"";"";"EDEKA Center";"DE99";"BIC";"-31,40";"EUR";"Umsatz gebucht"\n',
        date_col="Buchungstag",
        money="Betrag",
        description="Verwendungszweck",
        vendor="Beguenstigter/Zahlungspflichtiger",
        date_format="%d.%m.%y",
        sep=",",
        first=(date(2026, 11, 14), Decimal("31.40")),
    ),
    case(
        "Nationwide",
        '"Account Name:","FlexAccount ****12345"\n'
        '"Account Balance:","£1,024.11"\n'
        '"Available Balance: ","£1,024.11"\n\n'
        '"Date","Transaction type","Description","Paid out","Paid in","Balance"\n'
        '"05 Nov 2026","Contactless Payment","COSTA COFFEE","£3.40","","£1,024.11"\n'
        '"04 Nov 2026","Bank credit","WAGES","","£1,800.00","£1,027.51"\n',
        date_col="Date",
        money=("Paid out", "Paid in"),
        description="Description",
        vendor=None,
        date_format="%d %b %Y",
        sep=".",
        first=(date(2026, 11, 5), Decimal("3.40")),
    ),
    case(
        "Starling",
        "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),"
        "Spending Category,Notes\n"
        "06/11/2026,Sainsbury's,SAINSBURYS S/MKTS,CONTACTLESS,-18.20,402.10,"
        "GROCERIES,\n",
        date_col="Date",
        money="Amount (GBP)",
        description="Reference",
        vendor="Counter Party",
        date_format="%d/%m/%Y",
        sep=".",
        first=(date(2026, 11, 6), Decimal("18.20")),
    ),
    case(
        "American Express",
        "Date,Description,Amount\n"
        "11/08/2026,AMAZON.COM AMZN.COM/BILL,29.99\n"
        "11/09/2026,DELTA AIR LINES,412.60\n",
        date_col="Date",
        money="Amount",
        description="Description",
        vendor=None,
        date_format="%m/%d/%Y",
        sep=".",
        first=(date(2026, 11, 8), Decimal("29.99")),
    ),
    case(
        "Wise",
        "TransferWise ID,Date,Amount,Currency,Description,Payment Reference,"
        "Running Balance,Exchange From,Exchange To,Exchange Rate,Payer Name,"
        "Payee Name,Payee Account Number,Merchant,Card Last Four Digits\n"
        "CARD-1,16-11-2026,-9.80,EUR,Card transaction,,120.00,,,,,,,Cafe Central,"
        "1234\n",
        date_col="Date",
        money="Amount",
        description="Description",
        vendor="Merchant",
        date_format="%d-%m-%Y",
        sep=".",
        first=(date(2026, 11, 16), Decimal("9.80")),
    ),
    case(
        "Commerzbank",
        "Buchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Währung;"
        "IBAN Kontoinhaber;Kategorie\n"
        "18.11.2026;18.11.2026;Lastschrift;Stadtwerke Strom November;-62,00;EUR;"
        "DE5;Wohnen\n",
        date_col="Buchungstag",
        money="Betrag",
        description="Buchungstext",
        vendor=None,
        date_format="%d.%m.%Y",
        sep=",",
        first=(date(2026, 11, 18), Decimal("62.00")),
    ),
]
