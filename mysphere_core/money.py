"""Money and locale helpers shared by every feature: currencies, time zones, and
each currency's minor units.

Every amount is exact in its currency's minor units, as ISO 4217 says (the table is
CLDR's, through babel: JPY and KRW have none, USD and EUR 2, KWD, BHD and JOD 3):
`minor_digits` says how many, `check_minor_units` refuses more, `round_money` rounds
to them (ROUND_HALF_UP: half a minor unit goes up, as a till does), `split_money`
shares a total out in minor units so the shares add up to it exactly, and
`format_money` writes it for a sentence ("1,500 JPY", "12.345 KWD"). Storage holds 3
decimals, the most any currency uses.
"""

from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from zoneinfo import available_timezones

from babel.numbers import get_currency_precision
from django.conf import settings
from django.core.exceptions import ValidationError

from mysphere_core.limits import shown

CENT = Decimal("0.01")
MILL = Decimal("0.001")

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


MAX_MINOR_DIGITS = 3  # the most decimals of any currency (KWD, BHD, JOD, …)


def ceiling(kind: str) -> Decimal:
    """The largest amount one thing of `kind` may have: `settings.MONEY_LIMITS[kind]`
    ("expense", "loan"), or its "default" (plans, subscription prices...)."""
    limits = settings.MONEY_LIMITS
    return Decimal(str(limits.get(kind, limits["default"])))


def check_amount(value: Decimal | None, kind: str) -> None:
    """An amount is strictly positive and at most `ceiling(kind)` (None passes)."""
    if value is None:
        return
    if value <= 0:
        raise ValidationError("Amount must be greater than 0.", code="min_value")
    limit = ceiling(kind)
    if value > limit:
        raise ValidationError(f"Amount cannot exceed {limit}.", code="max_value")


def to_cents(value: Decimal) -> Decimal:
    """Round a Decimal to cents, half up (for figures with no currency: rates)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def minor_digits(currency: str) -> int:
    """How many decimals the currency's minor unit has: JPY 0, USD 2, KWD 3 (2 for
    a code the table does not know)."""
    return int(get_currency_precision(currency))


def minor_unit(currency: str) -> Decimal:
    """The currency's smallest amount: 1 JPY, 0.01 USD, 0.001 KWD."""
    return Decimal(1).scaleb(-minor_digits(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded to the currency's minor units, half up."""
    return Decimal(amount).quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def minor_units_error(amount: Decimal, currency: str) -> str | None:
    """What is wrong with an amount finer than its currency's minor unit, or None:
    "JPY amounts are whole numbers (no decimals).", "KWD amounts have at most 3
    decimals."."""
    digits = minor_digits(currency)
    if Decimal(amount) == round_money(amount, currency):
        return None
    if digits == 0:
        return f"{currency} amounts are whole numbers (no decimals)."
    return f"{currency} amounts have at most {digits} decimals."


def check_minor_units(amount: Decimal, currency: str) -> None:
    """ValidationError when `amount` is finer than the currency's minor unit."""
    message = minor_units_error(amount, currency)
    if message:
        raise ValidationError(message, code="invalid_minor_units")


def check_record_minor_units(record: object, *fields: str) -> None:
    """ValidationError naming each money field of a model instance finer than its
    `currency`'s minor units (a model's `clean`)."""
    currency = getattr(record, "currency", "")
    errors = {
        field: message
        for field in fields
        if getattr(record, field, None) is not None
        and (message := minor_units_error(getattr(record, field), currency))
    }
    if errors and currency in ISO_4217_CODES:
        raise ValidationError(errors)


def split_money(total: Decimal, parts: int, currency: str) -> list[Decimal]:
    """`total` in `parts` shares of whole minor units that add up to it exactly: equal
    shares, the first one taking the remainder units (1,001 JPY in 3: 335, 333,
    333; 10.00 USD in 3: 3.34, 3.33, 3.33)."""
    unit = minor_unit(currency)
    units = int(round_money(total, currency) / unit)
    each, remainder = divmod(units, parts)
    return [(each + remainder) * unit] + [each * unit] * (parts - 1)


def format_money(amount: Decimal, currency: str) -> str:
    """Money as a sentence shows it, in the currency's minor units: '1,234.50 USD',
    '1,500 JPY', '12.345 KWD'."""
    digits = minor_digits(currency)
    return f"{round_money(amount, currency):,.{digits}f} {currency}"


def plain_amount(value: Decimal) -> Decimal:
    """A stored or read amount (3 decimals) with a zero third decimal dropped:
    15.990 -> 15.99, 12.345 stays; so an amount reads as it was written."""
    value = Decimal(value)
    return to_cents(value) if value == to_cents(value) else value


def money_text(amount: Decimal, currency: str | None) -> str:
    """An amount as the API writes it, in the currency's minor units, without
    grouping: '25.50', '1500', '12.345'; with no (valid) currency known, 2 decimals
    unless the amount has a third."""
    amount = Decimal(amount)
    if currency in ISO_4217_CODES:
        return f"{round_money(amount, currency):f}"
    rounded = to_cents(amount)
    return f"{rounded if rounded == amount else amount.quantize(MILL):f}"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal (a Decimal, rendered as a
    string like money); None when `whole` is 0."""
    if not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), 1)
