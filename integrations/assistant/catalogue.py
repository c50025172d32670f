"""The assistant's words, by language: every sentence an answer says, in English and
Spanish. Features name a sentence by its key (`mysphere_core.intents.say`); the
assistant renders it in the language of the message (`render`). A template given as
a (one, many) pair is chosen by its `count`; "sentence" starts with a capital; a
key the catalogue lacks (a new status or cycle) is said by its last part.

A feature's refusal comes from its service in English; the ones people meet in chat
are said again in Spanish (`REFUSALS`).
"""

import re
from typing import Any

from mysphere_core.intents import Join, Say

LANGUAGES = ("en", "es")


def _months(names: str) -> dict[str, str]:
    """ "month.1" .. "month.12" -> the month's name."""
    return {f"month.{n}": name for n, name in enumerate(names.split(), start=1)}


EN: dict[str, Any] = {
    # the conversation
    "proposal": "{what}? Say yes to do it (or send the message again with "
    "confirm: true).",
    "done": "Done: {what}.",
    "undone": "Undone: {what}",
    "refused": "I couldn't do that: {why}",
    "nothing_pending": "There is nothing waiting for a yes.",
    "nothing_to_cancel": "There is nothing to cancel.",
    "declined": "OK, I won't do it.",
    "nothing_to_undo": "There is nothing of mine to undo.",
    "unknown": "I didn't understand that. You can say, for example: "
    '"Spent $50 on gas yesterday"; "how much have I spent this month?"; '
    '"what bills are due this week?"; "who owes me money?"; "call mom tomorrow at '
    '5pm"; "milk and eggs on the shopping list"; "how much can I still spend on '
    'dining?"; "¿cuánto gasté este mes?".',
    "and": " and ",
    "sentence": "{what}.",
    "period.today": "today",
    "period.yesterday": "yesterday",
    "period.this_week": "this week",
    "period.last_week": "last week",
    "period.this_month": "this month",
    "period.last_month": "last month",
    "period.this_year": "this year",
    "period.month": "in {month} {year}",
    **_months(
        "January February March April May June July August September "
        "October November December"
    ),
    "due.today": "today",
    "due.tomorrow": "tomorrow",
    "due.week": "in the next 7 days",
    "due.month": "this month",
    "due.by": "by {date}",
    # expenses
    "spending": "You spent {money}{about} {when} ({first} to {last}, {count}).",
    "expenses.count": ("{count} expense", "{count} expenses"),
    "expenses.on": " on {topic}",
    "expenses.none_in": "You have no expenses {when}.",
    "expenses.top": "Your top category {when} is {category}: {money}.",
    "expenses.recent": (
        "Your last expense: {lines}.",
        "Your last {count} expenses: {lines}.",
    ),
    "expenses.none_yet": "You have no expenses yet.",
    "expenses.log": "Log {money}{vendor} ({category}) on {date}",
    "expenses.at": " at {vendor}",
    "expenses.removed": "Removed the expense of {money}.",
    # todos
    "todos.add": "Add {tasks}",
    "todos.added": "added {tasks}",
    "todos.task": '"{title}"',
    "todos.task_due": '"{title}" due {date}',
    "todos.task_due_at": '"{title}" due {date} {time}',
    "todos.removed": "Removed {titles}.",
    "todos.no_task": 'You have no open task like "{task}".',
    "todos.complete": 'Mark "{title}" as done',
    "todos.completed": '"{title}" is completed',
    "todos.reopened": '"{title}" is open again.',
    "todos.to_when": 'To when? Say, for example, "snooze {title} to friday".',
    "todos.move": 'Move "{title}" to {date}',
    "todos.due_again": '"{title}" is due {date} again.',
    "todos.undated_again": '"{title}" has no due date again.',
    "todos.with_due": "{title} (due {date})",
    "todos.nothing_today": "Nothing is due today.",
    "todos.today": (
        "{count} task for today; {parts}.",
        "{count} tasks for today; {parts}.",
    ),
    "todos.due_today": "due today: {titles}",
    "todos.overdue_part": "overdue: {titles}",
    "todos.none_overdue": "No task is overdue.",
    "todos.overdue": (
        "{count} task is overdue: {names}.",
        "{count} tasks are overdue: {names}.",
    ),
    "todos.nothing_due": "Nothing is due {when}.",
    "todos.due": (
        "{count} due {when}: {lines}{more}.",
        "{count} due {when}: {lines}{more}.",
    ),
    "todos.more": " (and {count} more)",
    "todos.renews": "{name} renews ({money})",
    # lending
    "lending.owes_you": "{name} owes you {money}",
    "lending.you_owe": "you owe {name} {money}",
    "lending.square": "you and {name} are square",
    "lending.nothing_with": "You have nothing open with {person}.",
    "lending.nobody_owes_you": "Nobody owes you anything.",
    "lending.you_owe_nobody": "You owe nobody.",
    "lending.owed_total": "{total} is owed to you: {people}.",
    "lending.owe_total": "You owe {total}: {people}.",
    "lending.repaid_by": "Record {money} repaid by {name} (they owe {owed})",
    "lending.repaid_to": "Record {money} repaid to {name} (you owe {owed})",
    "lending.repayment_removed": "Removed the repayment; {name}'s item is open "
    "again.",
    "lending.settle": "Settle up: {what}",
    "lending.settled": "{what}; settled",
    "lending.how_much": "How much? Say it again with the amount.",
    "lending.lent": "Record {money} lent to {name}",
    "lending.borrowed": "Record {money} borrowed from {name}",
    "lending.removed": "Removed the {money} with {name}.",
    # subscriptions
    "subscriptions.none_called": "You have no subscription called {name}.",
    "subscriptions.words": "{name} ({money} {cycle}, renews {date})",
    "subscriptions.cancel": "Cancel {what}",
    "subscriptions.pause": "Pause {what}",
    "subscriptions.now": "{name} is {status}",
    "subscriptions.again": "{name} is {status} again.",
    "subscriptions.none_active": "You have no active subscriptions.",
    "subscriptions.list": (
        "You have {count} active subscription: {names}; {total} a month.",
        "You have {count} active subscriptions: {names}; {total} a month.",
    ),
    "subscriptions.not_renewing": "{name} is {status}; it does not renew.",
    "subscriptions.renews": "{name} renews on {date} for {money}.",
    "subscriptions.no_bills": "No bills are due {when}.",
    "subscriptions.bill": "{name} {money} on {date}",
    "subscriptions.bills": (
        "{count} due {when}: {lines}; {total} in all.",
        "{count} due {when}: {lines}; {total} in all.",
    ),
    "subscriptions.add": "Add {name} at {money} {cycle}",
    "subscriptions.the": "the subscription",
    "subscriptions.removed": "Removed the subscription {name}.",
    "status.active": "active",
    "status.paused": "paused",
    "status.cancelled": "cancelled",
    "status.expired": "expired",
    "cycle.weekly": "weekly",
    "cycle.monthly": "monthly",
    "cycle.quarterly": "quarterly",
    "cycle.yearly": "yearly",
    "cycle.custom": "on its own cycle",
    # lists
    "lists.add": "Add {items} to {where}",
    "lists.named": '"{name}"',
    "lists.new": 'a new list "{name}"',
    "lists.added": 'Added {items} to "{name}".',
    "lists.removed": "Removed {names} from the list.",
    "lists.nothing": "nothing",
    "lists.none": "You have no {name} list.",
    "lists.empty": '"{name}" has nothing left to get.',
    "lists.items": (
        '"{name}" has {count} item: {names}.',
        '"{name}" has {count} items: {names}.',
    ),
    # budgets
    "budgets.price": "How much does it cost? Ask again with the price.",
    "budgets.advice": "{decision} ({item}, {price}): {reason}",
    "advice.buy": "Buy it",
    "advice.wait": "Wait",
    "advice.dont_buy": "Don't buy it",
    "advice.why": "{text}",
    "advice.fits": "{text}",
    "advice.over": "{text}",
    "budgets.none": "You have no budget for this month yet.",
    "budgets.category": "You have {left} left in {category} this month "
    "({available} available, {spent} spent).",
    "budgets.summary": "{left} of {total} is left this month ({spent} spent); about "
    "{daily} a day is safe to spend.",
}

ES: dict[str, Any] = {
    "proposal": "¿{what}? Di «sí» para hacerlo (o envía el mensaje de nuevo con "
    "confirm: true).",
    "done": "Hecho: {what}.",
    "undone": "Deshecho: {what}",
    "refused": "No pude hacerlo: {why}",
    "nothing_pending": "No hay nada esperando un sí.",
    "nothing_to_cancel": "No hay nada que cancelar.",
    "declined": "De acuerdo, no lo haré.",
    "nothing_to_undo": "No hay nada mío que deshacer.",
    "unknown": "No entendí eso. Puedes decir, por ejemplo: «gasté 12 en el "
    "almuerzo»; «¿cuánto gasté este mes?»; «¿qué facturas vencen esta semana?»; "
    "«¿quién me debe dinero?»; «recuérdame llamar a mamá mañana a las 5»; «pon "
    "leche en la lista»; «¿cuánto me queda del presupuesto?».",
    "and": " y ",
    "sentence": "{what}.",
    "period.today": "hoy",
    "period.yesterday": "ayer",
    "period.this_week": "esta semana",
    "period.last_week": "la semana pasada",
    "period.this_month": "este mes",
    "period.last_month": "el mes pasado",
    "period.this_year": "este año",
    "period.month": "en {month} de {year}",
    **_months(
        "enero febrero marzo abril mayo junio julio agosto septiembre "
        "octubre noviembre diciembre"
    ),
    "due.today": "hoy",
    "due.tomorrow": "mañana",
    "due.week": "en los próximos 7 días",
    "due.month": "este mes",
    "due.by": "antes del {date}",
    "spending": "Gastaste {money}{about} {when} ({first} a {last}, {count}).",
    "expenses.count": ("{count} gasto", "{count} gastos"),
    "expenses.on": " en {topic}",
    "expenses.none_in": "No tienes gastos {when}.",
    "expenses.top": "Tu categoría principal {when} es {category}: {money}.",
    "expenses.recent": (
        "Tu último gasto: {lines}.",
        "Tus últimos {count} gastos: {lines}.",
    ),
    "expenses.none_yet": "Aún no tienes gastos.",
    "expenses.log": "Registrar {money}{vendor} ({category}) el {date}",
    "expenses.at": " en {vendor}",
    "expenses.removed": "Borré el gasto de {money}.",
    "todos.add": "Añadir {tasks}",
    "todos.added": "añadí {tasks}",
    "todos.task": "«{title}»",
    "todos.task_due": "«{title}» para el {date}",
    "todos.task_due_at": "«{title}» para el {date} a las {time}",
    "todos.removed": "Borré {titles}.",
    "todos.no_task": "No tienes ninguna tarea abierta como «{task}».",
    "todos.complete": "Marcar «{title}» como hecha",
    "todos.completed": "«{title}» está completada",
    "todos.reopened": "«{title}» vuelve a estar abierta.",
    "todos.to_when": "¿Para cuándo? Di, por ejemplo, «pospón {title} al viernes».",
    "todos.move": "Mover «{title}» al {date}",
    "todos.due_again": "«{title}» vuelve a vencer el {date}.",
    "todos.undated_again": "«{title}» vuelve a no tener fecha.",
    "todos.with_due": "{title} (vence el {date})",
    "todos.nothing_today": "No hay nada para hoy.",
    "todos.today": (
        "{count} tarea para hoy; {parts}.",
        "{count} tareas para hoy; {parts}.",
    ),
    "todos.due_today": "para hoy: {titles}",
    "todos.overdue_part": "atrasadas: {titles}",
    "todos.none_overdue": "No hay tareas atrasadas.",
    "todos.overdue": (
        "{count} tarea está atrasada: {names}.",
        "{count} tareas están atrasadas: {names}.",
    ),
    "todos.nothing_due": "No vence nada {when}.",
    "todos.due": (
        "{count} vence {when}: {lines}{more}.",
        "{count} vencen {when}: {lines}{more}.",
    ),
    "todos.more": " (y {count} más)",
    "todos.renews": "{name} se renueva ({money})",
    "lending.owes_you": "{name} te debe {money}",
    "lending.you_owe": "le debes {money} a {name}",
    "lending.square": "{name} y tú están a mano",
    "lending.nothing_with": "No tienes nada pendiente con {person}.",
    "lending.nobody_owes_you": "Nadie te debe nada.",
    "lending.you_owe_nobody": "No le debes nada a nadie.",
    "lending.owed_total": "Te deben {total}: {people}.",
    "lending.owe_total": "Debes {total}: {people}.",
    "lending.repaid_by": "Registrar {money} devueltos por {name} (te debe {owed})",
    "lending.repaid_to": "Registrar {money} devueltos a {name} (le debes {owed})",
    "lending.repayment_removed": "Borré el pago; lo de {name} vuelve a estar "
    "abierto.",
    "lending.settle": "Saldar cuentas: {what}",
    "lending.settled": "{what}; saldado",
    "lending.how_much": "¿Cuánto? Dilo de nuevo con el importe.",
    "lending.lent": "Registrar {money} prestados a {name}",
    "lending.borrowed": "Registrar {money} que te prestó {name}",
    "lending.removed": "Borré los {money} con {name}.",
    "subscriptions.none_called": "No tienes ninguna suscripción llamada {name}.",
    "subscriptions.words": "{name} ({money} {cycle}, se renueva el {date})",
    "subscriptions.cancel": "Cancelar {what}",
    "subscriptions.pause": "Pausar {what}",
    "subscriptions.now": "{name} está {status}",
    "subscriptions.again": "{name} vuelve a estar {status}.",
    "subscriptions.none_active": "No tienes suscripciones activas.",
    "subscriptions.list": (
        "Tienes {count} suscripción activa: {names}; {total} al mes.",
        "Tienes {count} suscripciones activas: {names}; {total} al mes.",
    ),
    "subscriptions.not_renewing": "{name} está {status}; no se renueva.",
    "subscriptions.renews": "{name} se renueva el {date} por {money}.",
    "subscriptions.no_bills": "No vence ninguna factura {when}.",
    "subscriptions.bill": "{name} {money} el {date}",
    "subscriptions.bills": (
        "{count} vence {when}: {lines}; {total} en total.",
        "{count} vencen {when}: {lines}; {total} en total.",
    ),
    "subscriptions.add": "Añadir {name} por {money} {cycle}",
    "subscriptions.the": "la suscripción",
    "subscriptions.removed": "Borré la suscripción {name}.",
    "status.active": "activa",
    "status.paused": "pausada",
    "status.cancelled": "cancelada",
    "status.expired": "vencida",
    "cycle.weekly": "a la semana",
    "cycle.monthly": "al mes",
    "cycle.quarterly": "al trimestre",
    "cycle.yearly": "al año",
    "cycle.custom": "con su propio ciclo",
    "lists.add": "Añadir {items} a {where}",
    "lists.named": "«{name}»",
    "lists.new": "una lista nueva «{name}»",
    "lists.added": "Añadí {items} a «{name}».",
    "lists.removed": "Quité {names} de la lista.",
    "lists.nothing": "nada",
    "lists.none": "No tienes una lista {name}.",
    "lists.empty": "En «{name}» no queda nada por comprar.",
    "lists.items": (
        "«{name}» tiene {count} cosa: {names}.",
        "«{name}» tiene {count} cosas: {names}.",
    ),
    "budgets.price": "¿Cuánto cuesta? Pregunta de nuevo con el precio.",
    "budgets.advice": "{decision} ({item}, {price}): {reason}",
    "advice.buy": "Cómpralo",
    "advice.wait": "Espera",
    "advice.dont_buy": "No lo compres",
    "advice.why": "no tienes presupuesto para {category} este mes.",
    "advice.fits": "cabe: te quedan {left} en {category}.",
    "advice.over": "supera en {over} lo que te queda en {category} ({left}).",
    "budgets.none": "Aún no tienes presupuesto para este mes.",
    "budgets.category": "Te quedan {left} en {category} este mes ({available} "
    "disponibles, {spent} gastados).",
    "budgets.summary": "Te quedan {left} de {total} este mes ({spent} gastados); "
    "puedes gastar unos {daily} al día.",
}

MESSAGES = {"en": EN, "es": ES}

# A feature's refusal (its service's English) said again in Spanish.
REFUSALS = {
    "es": (
        (r"No amount found in the text\.", "No encontré ningún importe en el texto."),
        (r"No open item with (.+?) that you lent\.", r"No le prestaste nada a \1."),
        (
            r"No open item with (.+?) that you borrowed\.",
            r"No tienes nada prestado por \1.",
        ),
        (
            r"Your open items with (.+?): at most (.+?) is outstanding on one item\. "
            r"Repay each item, or settle up\.",
            r"Lo pendiente con \1: como mucho \2 en una sola cosa. Devuelve cada "
            r"cosa o salda cuentas.",
        ),
        (
            r"Your open items with (.+?): (.+)\. Repay each item, or settle up\.",
            r"Lo pendiente con \1: \2. Devuelve cada cosa o salda cuentas.",
        ),
    )
}


def render(value: Any, lang: str) -> str:
    """What `value` says in `lang` ("en" or "es"): a `Say` through the catalogue,
    a `Join` part by part, anything else as text."""
    if isinstance(value, Say):
        template = MESSAGES[lang].get(value.key) or EN.get(value.key)
        if template is None:  # a value the catalogue has no words for ("biweekly")
            return value.key.rsplit(".", 1)[-1]
        if isinstance(template, tuple):
            template = template[0] if value.params.get("count") == 1 else template[1]
        params = {key: render(item, lang) for key, item in value.params.items()}
        text = template.format(**params)
        return text[:1].upper() + text[1:] if value.key == "sentence" else text
    if isinstance(value, Join):
        sep = render(value.sep, lang)
        return sep.join(render(part, lang) for part in value.parts)
    return str(value)


def refusal(message: str, lang: str) -> str:
    """A service's refusal in `lang` (as it is when the catalogue lacks it)."""
    for pattern, said in REFUSALS.get(lang, ()):
        if re.fullmatch(pattern, message):
            return re.sub(pattern, said, message)
    return message
