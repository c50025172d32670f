"""Spanish everyday words of spending, for the assistant: the system category a
Spanish word lands in ("almuerzo" -> Food & Dining, "gasolina" -> Travel), and the
English word the expenses are written with ("café" -> "coffee").

The expense parser reads English (`vocabulary.py`); the assistant asks here when it
found no category ("gasté 12 en el almuerzo"). Matching is on folded words
(`phrases.fold`: no accents, lower case).
"""

import re

from mysphere_core.phrases import fold

# Category -> its Spanish words; the first category with a word in the text wins
# (meals before the shop they happen at).
CATEGORY_WORDS_ES = {
    "Food & Dining": "almuerzo almorzar comida comer cena cenar desayuno desayunar "
    "cafe cafes cafeteria restaurante restaurantes bar cerveza cervezas vino menu "
    "tapas merienda pizza hamburguesa bocadillo helado",
    "Groceries": "super supermercado mercado compra fruteria carniceria panaderia "
    "verduras fruta leche huevos pan",
    "Travel": "gasolina gasolinera combustible gasoil diesel taxi metro autobus "
    "tren billete avion vuelo hotel peaje aparcamiento uber",
    "Utilities": "alquiler hipoteca luz agua internet telefono movil factura "
    "facturas electricidad calefaccion seguro comunidad",
    "Health": "farmacia medico medicina medicinas medicamentos dentista hospital "
    "gimnasio peluqueria",
    "Shopping": "ropa zapatos zapatillas camisa camiseta pantalones regalo regalos "
    "tienda",
    "Entertainment": "cine entradas concierto teatro museo juego juegos fiesta",
    "Education": "libro libros curso cursos matricula colegio escuela universidad "
    "clases",
}
# Spanish word -> the English word expenses are noted with (a spending question's
# topic: "¿cuánto gasté en gasolina?" looks for "gas").
TOPIC_ES = {
    "cafe": "coffee",
    "gasolina": "gas",
    "almuerzo": "lunch",
    "comida": "lunch",
    "cena": "dinner",
    "desayuno": "breakfast",
    "super": "groceries",
    "supermercado": "groceries",
    "farmacia": "pharmacy",
    "alquiler": "rent",
    "cine": "movie",
}


def category_in(text: str) -> str | None:
    """The system category a Spanish everyday word of the text names, or None."""
    words = set(re.findall(r"[a-z]+", fold(text)))
    for category, names in CATEGORY_WORDS_ES.items():
        if words & set(names.split()):
            return category
    return None


def topic(word: str) -> str:
    """The English word for a Spanish topic ("cafe" -> "coffee"), else the word."""
    return TOPIC_ES.get(fold(word), word)
