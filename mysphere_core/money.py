"""Money and locale helpers shared by every feature: currencies, time zones, cents."""

from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError

from mysphere_core.limits import shown

CENT = Decimal("0.01")

# Active ISO 4217 currency codes.
ISO_4217_CODES = frozenset("""
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL
    BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL
    LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
    SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
    USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split())  # noqa: SIM905 - a table is easier to read than a list

# IANA's zone names (the tzdata package's list): not the host's extras such as
# `localtime` or `posixrules`, which name whatever the machine is set to.
_TIMEZONES = frozenset(
    resources.files("tzdata").joinpath("zones").read_text().split()
) & frozenset(available_timezones())


def validate_currency(value: str) -> None:
    """Reject anything that is not an upper-case ISO 4217 code."""
    if value not in ISO_4217_CODES:
        raise ValidationError(
            f"'{shown(value)}' is not an ISO 4217 currency code "
            "(e.g. USD, EUR, GBP, INR).",
            code="invalid_currency",
        )


def validate_timezone(value: str) -> None:
    """Reject anything that is not an IANA time zone name."""
    if value not in _TIMEZONES:
        raise ValidationError(
            f"'{shown(value)}' is not an IANA time zone (e.g. UTC, Europe/Paris, "
            "America/New_York).",
            code="invalid_timezone",
        )


def to_cents(value: Decimal) -> Decimal:
    """Round a Decimal to cents, half up, as money is shown."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str) -> str:
    """Money as a sentence shows it: '1,234.50 USD'."""
    return f"{to_cents(amount):,.2f} {currency}"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal (a Decimal, rendered as a
    string like money); None when `whole` is 0."""
    if not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), 1)
