"""The assistant answers in the language of the message (Spanish for Spanish,
English otherwise) for every kind of reply, from one catalogue; Spanish everyday
words land in their system category; counts of one are singular."""

import re
import string

import pytest

from expenses.models import ExpenseModel
from expenses.vocabulary_es import category_in
from integrations.assistant.catalogue import EN, ES, refusal
from integrations.tests.assistant_eval import chat
from mysphere_core.phrases import language

pytestmark = pytest.mark.django_db
# What only an English reply says.
ENGLISH = re.compile(r"\b(?:You|you|Done|Say yes|owes|spent|renews|is left)\b")




@pytest.mark.parametrize(
    ("conversation", "spanish"),
    [
        (["¿cuánto gasté este mes?"], "Gastaste 329.60 USD este mes"),
        (["¿en qué gasto más?"], "Tu categoría principal este mes es Utilities"),
        (["¿cuáles son mis últimos gastos?"], "Tus últimos 5 gastos"),
        (["gasté 12 en el almuerzo"], "¿Registrar 12.00 USD (Food & Dining)"),
        (["gasté 12 en el almuerzo", "sí"], "Hecho: Registrar 12.00 USD"),
        (["gasté 12 en el almuerzo", "sí", "deshaz eso"],
         "Deshecho: Borré el gasto de 12.00 USD."),
        (["gasté 12 en el almuerzo", "olvídalo"], "De acuerdo, no lo haré."),
        (["sí"], "No hay nada esperando un sí."),
        (["deshaz eso"], "No hay nada mío que deshacer."),
        (["¿qué suscripciones tengo?"], "Tienes 3 suscripciones activas"),
        (["¿cuándo se renueva netflix?"], "Netflix se renueva el 2026-11-25"),
        (["¿qué facturas vencen esta semana?"], "55.99 USD en total"),
        (["cancela netflix", "sí"], "Hecho: Netflix está cancelada."),
        (["¿cuánto debo?"], "Debes 48.40 USD: Ben 30.00 USD, Lisa 18.40 USD."),
        (["¿cuánto me debe Ana?"], "Ana te debe 70.00 USD."),
        (["le presté 20 a Sam"], "¿Registrar 20.00 USD prestados a Sam?"),
        (["Ana me pagó 10"], "Registrar 10.00 USD devueltos por Ana"),
        (["Ben me pagó 10"], "No pude hacerlo: No le prestaste nada a Ben."),
        (["¿qué tengo que hacer hoy?"], "3 tareas para hoy"),
        (["recuérdame llamar a mamá mañana a las 5"],
         "¿Añadir «Llamar a mamá» para el 2026-11-23 a las 17:00"),
        (["¿qué hay en la lista?"], "«Shopping» tiene 3 cosas: milk, eggs, bread."),
        (["añade leche a la lista de la compra"], "¿Añadir leche a «Shopping»?"),
        (["¿cuánto me queda del presupuesto?"], "Te quedan 1,020.40 USD"),
        (["¿puedo permitirme un televisor de 500?"], "(televisor, 500.00 USD)"),
        (["hola"], "No entendí eso. Puedes decir"),
    ],
)  # fmt: skip
def test_a_spanish_message_gets_a_spanish_reply(week, conversation, spanish):
    for earlier in conversation[:-1]:
        chat(week, earlier)
    reply = chat(week, conversation[-1])["reply"]
    assert spanish in reply
    assert not ENGLISH.search(reply), reply


def test_the_conversation_keeps_its_language_until_a_message_says_otherwise(week):
    chat(week, "le presté 20 a Sam")
    assert chat(week, "ok")["reply"].startswith("Hecho:")
    assert chat(week, "how much does Ana owe me?")["reply"] == "Ana owes you 70.00 USD."
    assert chat(week, "Sam")["reply"].startswith("I didn't understand")


def test_english_replies_stay_english(week):
    assert chat(week, "hello")["reply"].startswith("I didn't understand that.")
    assert chat(week, "spent 12 on lunch")["reply"].startswith("Log 12.00 USD")
    assert chat(week, "yes")["reply"].startswith("Done: Log 12.00 USD")


def test_a_count_of_one_is_singular(week):
    assert (
        "(2026-11-01 to 2026-11-22, 1 expense)."
        in chat(week, "how much did I spend on gas?")["reply"]
    )
    assert "1 gasto)." in chat(week, "¿cuánto gasté en gasolina?")["reply"]
    chat(week, "done with renew passport")
    chat(week, "yes")
    assert chat(week, "what's overdue?")["reply"].startswith("1 task is overdue:")
    assert chat(week, "¿qué tareas tengo atrasadas?")["reply"].startswith(
        "1 tarea está atrasada:"
    )


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("gasté 12 en el almuerzo", "Food & Dining"),
        ("café 3", "Food & Dining"),
        ("cena 30", "Food & Dining"),
        ("gasté 30 en el súper", "Groceries"),
        ("supermercado 54.20", "Groceries"),
        ("gasolina 45", "Travel"),
        ("farmacia 12.40", "Health"),
        ("alquiler 800", "Utilities"),
    ],
)
def test_spanish_everyday_words_land_in_their_category(week, message, category):
    proposal = chat(week, message)
    assert proposal["objects"][0]["data"]["category"] == category
    done = chat(week, "sí")
    assert ExpenseModel.objects.get(pk=done["objects"][0]["id"]).category == category


def test_an_english_category_is_kept():
    assert category_in("spent 5 on coffee") is None
    assert category_in("Gasté 9 en la CENA") == "Food & Dining"


def test_the_catalogue_says_everything_in_both_languages():
    assert EN.keys() == ES.keys()
    for key, english in EN.items():
        pairs = zip(
            english if isinstance(english, tuple) else (english,),
            ES[key] if isinstance(ES[key], tuple) else (ES[key],),
            strict=True,
        )
        for en, es in pairs:
            fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f}
                      for t in (en, es)]  # fmt: skip
            if key.startswith("advice."):  # the service's reason, or its figures
                assert fields[0] | fields[1] <= {"text", "category", "left", "over"}
            else:
                assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    ("text", "lang"),
    [("¿cuánto gasté?", "es"), ("gasolina 45", "es"), ("sí", "es"),
     ("spent 12 on lunch", "en"), ("Ana paid me 10", "en"), ("ok", None),
     ("Sam", None), ("Ana me pagó 10", "es"), ("super bowl tickets 50", None)],
)  # fmt: skip
def test_the_language_of_a_message(text, lang):
    assert language(text) == lang


def test_a_refusal_is_said_again_in_spanish():
    assert refusal("No amount found in the text.", "es") == (
        "No encontré ningún importe en el texto."
    )
    assert refusal("Something new.", "es") == "Something new."
