"""Aisles, and the keyword map that puts an item in one without AI.

`AISLE_WORDS` lists, per aisle, the common grocery and household words a shopper
types (singular; plurals are matched by `singular`). `aisle_for(name)` reads an
item's name: a word that forces an aisle ("frozen peas", "canned tomatoes") wins,
then the longest phrase of the map, then the rightmost word (English puts the
head noun last: "chocolate milk" is Dairy, "milk chocolate" is Pantry).
"""

import re
from collections.abc import Iterator

PRODUCE = "Produce"
DAIRY = "Dairy"
BAKERY = "Bakery"
MEAT_FISH = "Meat & Fish"
FROZEN = "Frozen"
PANTRY = "Pantry"
BEVERAGES = "Beverages"
HOUSEHOLD = "Household"
PERSONAL_CARE = "Personal Care"
OTHER = "Other"

# The aisles in store-walk order: the items list sorts by this order.
AISLES: tuple[str, ...] = (
    PRODUCE,
    DAIRY,
    BAKERY,
    MEAT_FISH,
    FROZEN,
    PANTRY,
    BEVERAGES,
    HOUSEHOLD,
    PERSONAL_CARE,
    OTHER,
)
UNCATEGORISED = ""

# fmt: off
AISLE_WORDS: dict[str, tuple[str, ...]] = {
    PRODUCE: (
        "apple", "banana", "orange", "lemon", "lime", "grape", "strawberry",
        "blueberry", "raspberry", "blackberry", "cherry", "peach", "pear", "plum",
        "apricot", "mango", "pineapple", "kiwi", "melon", "watermelon",
        "cantaloupe", "grapefruit", "avocado", "tomato", "cherry tomato", "potato",
        "sweet potato", "onion", "red onion", "spring onion", "scallion", "shallot",
        "garlic", "ginger", "carrot", "celery", "cucumber", "zucchini", "courgette",
        "eggplant", "aubergine", "pepper", "bell pepper", "chili", "chilli",
        "jalapeno", "lettuce", "spinach", "kale", "arugula", "rocket", "cabbage",
        "broccoli", "cauliflower", "brussels sprout", "asparagus", "green bean",
        "pea", "corn", "mushroom", "radish", "beet", "beetroot", "turnip",
        "parsnip", "leek", "fennel", "artichoke", "pumpkin", "squash",
        "butternut squash", "herb", "parsley", "cilantro", "coriander", "basil",
        "mint", "dill", "rosemary", "thyme", "salad", "fruit", "vegetable", "veg",
        "berry", "fig", "date", "pomegranate", "papaya", "nectarine", "clementine",
        "tangerine", "mandarin", "coconut", "bok choy", "sprout", "okra",
        "rhubarb", "chive",
    ),
    DAIRY: (
        "milk", "whole milk", "skim milk", "oat milk", "almond milk", "soy milk",
        "cheese", "cheddar", "mozzarella", "parmesan", "feta", "brie", "gouda",
        "cream cheese", "cottage cheese", "ricotta", "halloumi", "mascarpone",
        "butter", "yogurt", "yoghurt", "greek yogurt", "cream", "sour cream",
        "whipping cream", "heavy cream", "creme fraiche", "egg", "kefir", "ghee",
        "custard", "margarine", "buttermilk", "paneer", "quark", "skyr",
    ),
    BAKERY: (
        "bread", "loaf", "baguette", "roll", "bread roll", "bun", "bagel",
        "croissant", "muffin", "pita", "tortilla", "wrap", "naan", "sourdough",
        "brioche", "ciabatta", "focaccia", "cake", "donut", "doughnut", "pastry",
        "pie", "cookie", "biscuit", "scone", "waffle", "pancake", "crumpet",
        "english muffin", "rye bread", "flatbread", "danish", "pretzel",
    ),
    MEAT_FISH: (
        "chicken", "chicken breast", "chicken thigh", "chicken wing", "turkey",
        "beef", "ground beef", "minced beef", "mince", "steak", "pork",
        "pork chop", "bacon", "ham", "sausage", "salami", "pepperoni", "chorizo",
        "lamb", "veal", "duck", "meat", "meatball", "burger", "patty", "fish",
        "salmon", "tuna steak", "cod", "haddock", "trout", "tilapia", "shrimp",
        "prawn", "crab", "lobster", "mussel", "clam", "oyster", "scallop",
        "squid", "anchovy", "sardine", "mackerel", "hot dog", "ribs", "brisket",
        "prosciutto", "deli meat", "seafood",
    ),
    FROZEN: (
        "ice cream", "gelato", "sorbet", "frozen pizza", "frozen vegetable",
        "frozen fruit", "fish finger", "fish stick", "ice", "ice cube",
        "popsicle", "ice lolly", "frozen meal", "tv dinner", "french fry",
        "fries", "hash brown", "frozen pea", "frozen berry", "frozen yogurt",
    ),
    PANTRY: (
        "rice", "pasta", "spaghetti", "penne", "macaroni", "noodle", "flour",
        "sugar", "brown sugar", "salt", "black pepper", "oil", "olive oil",
        "vegetable oil", "vinegar", "cereal", "oat", "oatmeal", "porridge",
        "granola", "muesli", "honey", "jam", "jelly", "peanut butter",
        "nutella", "syrup", "maple syrup", "ketchup", "mustard", "mayonnaise",
        "mayo", "soy sauce", "sauce", "tomato sauce", "pasta sauce", "pesto",
        "salsa", "stock", "broth", "bouillon", "soup", "canned tomato", "bean",
        "chickpea", "lentil", "tuna", "canned tuna", "corn flake", "cracker",
        "chip", "crisp", "popcorn", "pretzel stick", "nut", "almond", "walnut",
        "cashew", "peanut", "raisin", "dried fruit", "chocolate", "candy",
        "sweet", "gum", "spice", "cinnamon", "paprika", "cumin", "curry",
        "oregano", "baking powder", "baking soda", "yeast", "vanilla", "cocoa",
        "quinoa", "couscous", "bulgur", "lasagna", "tortilla chip",
        "breadcrumb", "stuffing", "coconut milk", "condensed milk",
        "evaporated milk", "baby food", "pet food", "dog food", "cat food",
        "cat litter", "protein bar", "cereal bar", "snack", "seed", "chia seed",
        "tahini", "hummus", "olive", "pickle", "gravy", "noodle cup", "ramen",
        "salt and pepper",
    ),
    BEVERAGES: (
        "water", "sparkling water", "mineral water", "juice", "orange juice",
        "apple juice", "soda", "cola", "coke", "pepsi", "sprite", "lemonade",
        "coffee", "instant coffee", "coffee bean", "coffee pod", "tea",
        "green tea", "herbal tea", "beer", "wine", "red wine", "white wine",
        "prosecco", "champagne", "cider", "vodka", "whisky", "whiskey", "gin",
        "rum", "tequila", "energy drink", "sports drink", "kombucha",
        "smoothie", "iced tea", "tonic", "tonic water", "squash drink",
        "hot chocolate", "drink",
    ),
    HOUSEHOLD: (
        "toilet paper", "loo roll", "paper towel", "kitchen roll", "tissue",
        "napkin", "toilet roll", "detergent", "laundry detergent", "washing powder",
        "fabric softener", "dish soap", "washing up liquid", "dishwasher tablet",
        "dishwasher tab", "sponge", "bin bag", "trash bag", "garbage bag",
        "aluminum foil", "aluminium foil", "foil", "cling film", "plastic wrap",
        "baking paper", "parchment paper", "zip bag", "freezer bag", "bleach",
        "cleaner", "all purpose cleaner", "glass cleaner", "disinfectant",
        "wipe", "cleaning wipe", "air freshener", "candle", "battery",
        "light bulb", "bulb", "match", "lighter", "mop", "broom", "glove",
        "rubber glove", "scrub", "descaler", "charcoal", "tape", "glue",
        "envelope", "notebook", "pen", "extension cord", "charger", "plate",
        "cup", "straw", "towel", "hanger", "peg", "umbrella", "adapter",
    ),
    PERSONAL_CARE: (
        "shampoo", "conditioner", "soap", "hand soap", "body wash",
        "shower gel", "toothpaste", "toothbrush", "floss", "dental floss",
        "mouthwash", "deodorant", "razor", "razor blade", "shaving cream",
        "shaving foam", "lotion", "body lotion", "moisturizer", "moisturiser",
        "sunscreen", "sun cream", "lip balm", "makeup", "mascara", "lipstick",
        "nail polish", "cotton pad", "cotton bud", "cotton swab", "tampon",
        "pad", "sanitary pad", "diaper", "nappy", "baby wipe", "painkiller",
        "ibuprofen", "paracetamol", "aspirin", "vitamin", "plaster",
        "band aid", "bandage", "contact lens solution", "hair gel",
        "hairspray", "hair tie", "comb", "hairbrush", "perfume", "cologne",
        "face wash", "cleanser", "hand cream", "tissues", "medicine",
        "allergy pill", "cough syrup", "condom", "sunglasses", "passport",
        "toiletries", "pyjamas", "pajamas", "sock", "underwear", "swimsuit",
    ),
}

# Words that decide the aisle whatever they describe: "frozen peas", "canned beans".
FORCING_WORDS: dict[str, str] = {
    "frozen": FROZEN,
    "canned": PANTRY,
    "tinned": PANTRY,
    "dried": PANTRY,
}
# Words that say nothing about the aisle ("organic", "large") and are skipped.
FILLER_WORDS = frozenset(
    {
        "organic", "large", "small", "big", "medium", "free", "range", "low", "fat",
        "whole", "sliced", "diced", "chopped", "ripe", "some", "more", "extra",
        "new", "pack", "packs", "of", "the", "a", "an", "and", "for", "bio",
    }
)
MAX_PHRASE_WORDS = 4

_WORD = re.compile(r"[a-zà-ÿ]+(?:'[a-z]+)?")
# Plural endings, longest first: "berries" -> "berry", "tomatoes" -> "tomato".
_PLURALS = (("ies", "y"), ("oes", "o"), ("ches", "ch"), ("shes", "sh"), ("ses", "s"))
_KEEP_S = frozenset(
    {"hummus", "couscous", "asparagus", "swiss", "glass", "grass", "ribs", "fries",
     "brussels", "tissues", "molasses", "chips", "toiletries", "pajamas", "pyjamas"}
)
# fmt: on


def singular(word: str) -> str:
    """A plural English word in its singular form ("berries" -> "berry")."""
    if len(word) <= 3 or word in _KEEP_S or word.endswith("ss"):
        return word
    for ending, replacement in _PLURALS:
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word[:-1] if word.endswith("s") else word


def _build_map() -> dict[str, str]:
    """Phrase (singular words, space-joined) -> aisle."""
    mapping: dict[str, str] = {}
    for aisle, words in AISLE_WORDS.items():
        for phrase in words:
            key = " ".join(singular(w) for w in phrase.split())
            mapping.setdefault(key, aisle)
    return mapping


KEYWORD_MAP: dict[str, str] = _build_map()


def words_of(name: str) -> list[str]:
    """The lower-case singular words of an item name."""
    text = name.lower().replace("-", " ").replace("&", " and ")
    return [singular(w) for w in _WORD.findall(text)]


def _phrases(words: list[str]) -> Iterator[tuple[int, int, str]]:
    """(length, end position, phrase) of every run of up to 4 words."""
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + MAX_PHRASE_WORDS) + 1):
            yield end - start, end, " ".join(words[start:end])


def aisle_for(name: str) -> str:
    """The aisle the keyword map gives an item name, or "" (uncategorised)."""
    words = words_of(name)
    for word in words:
        if word in FORCING_WORDS and len(words) > 1:
            return FORCING_WORDS[word]
    found = [
        (length, end, KEYWORD_MAP[phrase])
        for length, end, phrase in _phrases(words)
        if phrase in KEYWORD_MAP
    ]
    if found:
        return max(found)[2]
    content = [w for w in words if w not in FILLER_WORDS]
    if len(content) == 1 and content[0] in FORCING_WORDS:
        return FORCING_WORDS[content[0]]
    return UNCATEGORISED
